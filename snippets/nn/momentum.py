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
def run(steps=200, **kwargs):
    """x after each SGD step on f(x) = 0.5 x**2 from x = 1 (float64: the same digits on every CPU)."""
    x = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.01, **kwargs)
    xs = []
    for _ in range(steps):
        opt.zero_grad()
        (0.5 * x ** 2).sum().backward()
        opt.step()
        xs.append(x.item())
    return xs


print("          after 10  after 50  largest overshoot  |x| < 0.01 from step")
for name, kwargs in [("plain", {}), ("momentum", {"momentum": 0.9}),
                     ("nesterov", {"momentum": 0.9, "nesterov": True})]:
    xs = run(**kwargs)
    overshoot = f"{min(xs):+.2f}" if min(xs) < 0 else "none"
    outside = [i for i, v in enumerate(xs, start=1) if abs(v) >= 0.01]
    settled = outside[-1] + 1 if outside[-1] < len(xs) else "not in 200 steps"
    print(f"{name:9s} {xs[9]:+.1e}  {xs[49]:+.1e}  {overshoot:17s}  {settled}")
# --8<-- [end:compare]
