# Exercises for "Linear regression with the low-level API": answers, run by the build.

# --8<-- [start:ex1]
import torch

x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([2.0, 4.0, 7.0])
for name, halve in [("mean((pred - y)**2)    ", False), ("mean((pred - y)**2 / 2)", True)]:
    w = torch.tensor(1.0, requires_grad=True)
    squared = (w * x - y) ** 2
    loss = (squared / 2 if halve else squared).mean()
    loss.backward()
    print(f"{name}: loss {loss.item():.4f}, grad {w.grad.item():.4f}")
# --8<-- [end:ex1]

# --8<-- [start:ex2]
torch.manual_seed(0)
X = 10 * torch.rand(400, 2) - 5.0
Y = X @ torch.tensor([[2.0], [-3.0]]) + 10.0 + torch.normal(0.0, 2.0, size=(400, 1))

w1 = torch.zeros(2, 1, requires_grad=True)
b1 = torch.zeros(1, 1, requires_grad=True)
w2 = w1.detach().clone().requires_grad_()
b2 = b1.detach().clone().requires_grad_()
optimizer = torch.optim.SGD([w2, b2], lr=0.01)

for step in range(50):
    xb, yb = X[step * 8:(step + 1) * 8], Y[step * 8:(step + 1) * 8]
    loss = ((xb @ w1 + b1 - yb) ** 2).mean()  # by hand
    loss.backward()
    with torch.no_grad():
        for p in (w1, b1):
            p -= 0.01 * p.grad
            p.grad.zero_()
    loss = ((xb @ w2 + b2 - yb) ** 2).mean()  # with the optimizer
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# the last bits may differ (rounding), depending on the CPU: compare with a tolerance
largest = max((w1 - w2).abs().max().item(), (b1 - b2).abs().max().item())
print("largest difference below 1e-5:", largest < 1e-5)
print("allclose:", torch.allclose(w1, w2), torch.allclose(b1, b2))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: RuntimeError
w = torch.zeros(2, 1, requires_grad=True)
for step in range(2):
    loss = ((X @ w - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w = w - 0.01 * w.grad  # a new tensor, created without gradient tracking
    print("step", step, "w requires grad:", w.requires_grad)
# --8<-- [end:ex3]
