# Exercises for "Optimizers": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch import nn

w = torch.tensor(0.0, requires_grad=True)
optimizer = torch.optim.SGD([w], lr=0.1, momentum=0.9)
for step in range(3):
    optimizer.zero_grad()
    (1.0 * w).backward()             # the gradient is always 1
    optimizer.step()
    print(step, round(w.item(), 4))
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
torch.manual_seed(0)
model = nn.Linear(1, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.tensor([[1.0]]), torch.tensor([[2.0]])
for step in range(3):
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    print(step, round(loss.item(), 4))
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
for step in range(3):
    optimizer.zero_grad()            # first clear, then backward, then step
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
    print(step, round(loss.item(), 4))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
def bowl(p):
    return 0.1 * p[0] ** 2 + 2 * p[1] ** 2


lr, momentum = 0.05, 0.9
p_torch = torch.tensor([-4.0, 1.5], requires_grad=True)
optimizer = torch.optim.SGD([p_torch], lr=lr, momentum=momentum)
p_mine = torch.tensor([-4.0, 1.5], requires_grad=True)
velocity = torch.zeros(2)
for _ in range(5):
    optimizer.zero_grad()
    bowl(p_torch).backward()
    optimizer.step()

    p_mine.grad = None
    bowl(p_mine).backward()
    with torch.no_grad():
        velocity = momentum * velocity + p_mine.grad   # v <- momentum * v + grad
        p_mine -= lr * velocity                        # p <- p - lr * v
print(p_torch.detach(), p_mine.detach(), torch.allclose(p_torch, p_mine))
# --8<-- [end:ex3]

# --8<-- [start:ex4_bug]
data_x = torch.linspace(-1, 1, 10).unsqueeze(1)
data_y = 3 * data_x
model = nn.Linear(1, 1)


def accumulated_grad(weigh):
    model.zero_grad()
    for xb, yb in zip(data_x.split(4), data_y.split(4)):   # batches of 4, 4 and 2
        loss = nn.functional.mse_loss(model(xb), yb)
        (loss * weigh(len(xb))).backward()
    return model.weight.grad.item()


model.zero_grad()
nn.functional.mse_loss(model(data_x), data_y).backward()
print(f"full batch:      {model.weight.grad.item():.4f}")
print(f"divided by 3:    {accumulated_grad(lambda n: 1 / 3):.4f}")
# --8<-- [end:ex4_bug]

# --8<-- [start:ex4]
print(f"weighted by n/N: {accumulated_grad(lambda n: n / len(data_x)):.4f}")
# --8<-- [end:ex4]
