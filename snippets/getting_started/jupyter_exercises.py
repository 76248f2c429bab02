# Exercises for "Working in Jupyter".

# --8<-- [start:ex1]
import torch

torch.manual_seed(0)
uniform_noise = 0.2 * torch.rand(10_000)   # values in [0, 0.2)
normal_noise = 0.2 * torch.randn(10_000)   # mean 0, standard deviation 0.2
print(f"rand:  mean {uniform_noise.mean().item():.3f}, min {uniform_noise.min().item():.3f}")
print(f"randn: mean {normal_noise.mean().item():.3f}, min {normal_noise.min().item():.3f}")
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import matplotlib.pyplot as plt

x = torch.linspace(-2, 2, 100)
plt.figure(figsize=(5, 3.5))
plt.plot(x.numpy(), (x ** 2).numpy(), label="$y = x^2$")
plt.plot(x.numpy(), (x ** 3).numpy(), "--", label="$y = x^3$")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.tight_layout()
plt.show()   # a window in a script, an image under the cell in a notebook
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: SyntaxError
cell = "%matplotlib inline\nimport torch\n"
compile(cell, "script.py", "exec")   # what plain Python makes of a magic command
# --8<-- [end:ex3]
