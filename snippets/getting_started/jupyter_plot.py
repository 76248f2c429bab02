# A figure as a plain script draws it: the same code works in a Jupyter cell.
import matplotlib.pyplot as plt
import torch

x = torch.linspace(-1, 1, 100).unsqueeze(1)  # shape (100, 1)
y = x.pow(2) + 0.2 * torch.rand(x.size())    # noisy parabola
print(x.shape, y.shape)

fig, ax = plt.subplots(figsize=(8, 4))
ax.scatter(x.numpy(), y.numpy(), s=12, label="samples")
ax.plot(x.numpy(), x.pow(2).numpy(), color="tab:red", label="y = x^2")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Noisy samples of y = x^2")
ax.legend()
plt.show()  # a window in a script, an image below the cell in Jupyter
