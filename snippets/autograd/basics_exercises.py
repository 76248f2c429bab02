# Exercises for "Autograd basics": answers, run by the build.

# --8<-- [start:ex1]
import torch

x = torch.tensor(1.0, requires_grad=True)
y = x * x * x        # x is used three times
y.backward()
print(x.grad)
y = x * x * x        # a new graph
y.backward()
print(x.grad)
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
w = torch.tensor(0.0, requires_grad=True)
for step in range(4):
    loss = (w - 2) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    print(step, round(w.item(), 4))
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
w = torch.tensor(0.0, requires_grad=True)
for step in range(4):
    loss = (w - 2) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad = None    # the fix: reset the gradient after every update
    print(step, round(w.item(), 4))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
t = torch.ones(2, 3, requires_grad=True)
s = t.sum(dim=1, keepdim=True)
print(s.shape)
(s * torch.tensor([[1.0], [10.0]])).sum().backward()
print(t.grad)
# --8<-- [end:ex3]

# --8<-- [start:ex4]
data = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
w = torch.tensor(1.0, requires_grad=True)

((w * data - 3) ** 2).mean().backward()
full = w.grad.clone()

w.grad = None
for chunk in data.split(2):                       # three micro-batches of 2
    ((w * chunk - 3) ** 2).mean().div(3).backward()
print(full, w.grad, torch.allclose(full, w.grad))
# --8<-- [end:ex4]
