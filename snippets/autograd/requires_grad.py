# requires_grad, backward() on a scalar, and the .grad attribute.

# --8<-- [start:flag]
import torch

x = torch.tensor([1.0, 2.0, 3.0])
print(x.requires_grad)          # False: plain tensors are not tracked

w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(w.requires_grad, w.grad)  # tracked, but no gradient yet

y = w * 2                       # results computed from w are tracked too
print(y)

x.requires_grad_()              # switch tracking on in place
print(x.requires_grad)
# --8<-- [end:flag]

# --8<-- [start:scalar]
# f(x) = a*x**2 + b*x + c, so f'(x) = 2*a*x + b
x = torch.tensor(0.0, requires_grad=True)
a = torch.tensor(1.0)
b = torch.tensor(-2.0)
c = torch.tensor(1.0)
y = a * torch.pow(x, 2) + b * x + c
print(y)

y.backward()    # y is a scalar: no argument needed
print(x.grad)   # f'(0) = -2
print(a.grad)   # None: a does not require grad
# --8<-- [end:scalar]

# --8<-- [start:mean]
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()  # out = 3/4 * sum((x + 2)**2)
print(out)

out.backward()
print(x.grad)   # d(out)/dx = 3/2 * (x + 2) = 4.5 everywhere
# --8<-- [end:mean]

# --8<-- [start:int_error]
# raises: RuntimeError
import torch

torch.tensor([1, 2, 3], requires_grad=True)  # int64 cannot require gradients
# --8<-- [end:int_error]
