# Exercises for "Gradients in practice": answers, run by the build.

# --8<-- [start:ex1]
import torch


def sgd_path(lr, steps=4):
    x = torch.tensor(0.0, requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr)
    path = []
    for _ in range(steps):
        optimizer.zero_grad()
        ((x - 3) ** 2).backward()      # f(x) = (x - 3)**2, f'(x) = 2(x - 3)
        optimizer.step()
        path.append(round(x.item(), 4))
    return path


print("lr = 0.5:", sgd_path(0.5))
print("lr = 1.0:", sgd_path(1.0))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 3 * x ** 2


x = torch.randn(5, dtype=torch.double, requires_grad=True)
print(torch.autograd.gradcheck(Cube.apply, (x,)))
print(torch.allclose(torch.autograd.grad(Cube.apply(x).sum(), x)[0], 3 * x.detach() ** 2))
# --8<-- [end:ex2]

# --8<-- [start:ex3_bug]
# raises: TypeError
w = torch.tensor(1.0, requires_grad=True)
for step in range(2):
    loss = (w - 3) ** 2
    loss.backward()
    w = w - 0.1 * w.grad          # rebinds w to a new, non-leaf tensor
# --8<-- [end:ex3_bug]

# --8<-- [start:ex3]
w = torch.tensor(1.0, requires_grad=True)
for step in range(2):
    loss = (w - 3) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad         # in place: w stays the same leaf tensor
    w.grad = None
    print(step, round(w.item(), 4), w.is_leaf)
# --8<-- [end:ex3]
