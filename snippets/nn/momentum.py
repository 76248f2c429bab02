# Momentum: SGD that keeps a running "velocity" of past gradients.

# --8<-- [start:rule]
import torch

x = torch.tensor([1.0], requires_grad=True)  # minimise f(x) = 0.5 * x**2, minimum at 0
opt = torch.optim.SGD([x], lr=0.1, momentum=0.9)

x_manual, v = 1.0, 0.0
for step in range(4):
    opt.zero_grad()
    (0.5 * x ** 2).sum().backward()
    opt.step()

    g = x_manual             # gradient of 0.5 * x**2 at the old x
    v = 0.9 * v + g          # velocity: momentum * v + grad
    x_manual = x_manual - 0.1 * v
    buf = opt.state[x]["momentum_buffer"].item()  # PyTorch's copy of v
    print(f"step {step}: torch x = {x.item():.4f}  by hand x = {x_manual:.4f}  v = {buf:.4f}")
# --8<-- [end:rule]

# --8<-- [start:compare]
def run(steps, **kwargs):
    x = torch.tensor([1.0], requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.01, **kwargs)
    for _ in range(steps):
        opt.zero_grad()
        (0.5 * x ** 2).sum().backward()
        opt.step()
    return x.item()


for steps in (10, 50, 200):
    plain = run(steps)
    heavy = run(steps, momentum=0.9)
    nesterov = run(steps, momentum=0.9, nesterov=True)
    print(f"{steps:3d} steps: plain {plain:+.1e}  momentum {heavy:+.1e}  nesterov {nesterov:+.1e}")
# --8<-- [end:compare]
