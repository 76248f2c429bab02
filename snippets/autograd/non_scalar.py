# backward() on a non-scalar output needs gradient=.

# --8<-- [start:gradient_arg]
import torch

a = torch.tensor(1.0)
b = torch.tensor(-2.0)
c = torch.tensor(1.0)


def f(x):
    return a * torch.pow(x, 2) + b * x + c  # element-wise, f'(x) = 2x - 2


x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
y = f(x)  # shape (2, 2): not a scalar
print(y)

gradient = torch.tensor([[1.0, 1.0], [1.0, 1.0]])  # same shape as y
y.backward(gradient=gradient)
print(x.grad)
# --8<-- [end:gradient_arg]

# --8<-- [start:sum_trick]
x2 = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
z = torch.sum(f(x2) * gradient)  # weighted sum of y: a scalar
z.backward()
print(x2.grad)
print(torch.equal(x.grad, x2.grad))
# --8<-- [end:sum_trick]

# --8<-- [start:weights]
# gradient= holds one weight per element of y: here only y[1, 1] counts
x3 = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
f(x3).backward(gradient=torch.tensor([[0.0, 0.0], [0.0, 1.0]]))
print(x3.grad)
# --8<-- [end:weights]

# --8<-- [start:implicit_error]
# raises: RuntimeError
import torch

x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
y = x ** 2 - 2 * x + 1
y.backward()  # 4 elements and no gradient=: PyTorch will not guess weights
# --8<-- [end:implicit_error]
