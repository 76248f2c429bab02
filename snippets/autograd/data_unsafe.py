# Why parameter updates go inside torch.no_grad(), and why .data is unsafe.

# --8<-- [start:leaf_inplace]
# raises: RuntimeError
import torch

w = torch.tensor([1.0, 0.0], requires_grad=True)
(w ** 2).sum().backward()
w -= 0.1 * w.grad  # outside no_grad: autograd would have to record this
# --8<-- [end:leaf_inplace]

# --8<-- [start:silent]
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = a.sigmoid()   # sigmoid's backward reuses its own output
out.data.zero_()    # changed through .data: autograd is not told
out.sum().backward()
print(a.grad)       # silently wrong
# --8<-- [end:silent]

# --8<-- [start:correct]
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = a.sigmoid()
out.sum().backward()
print(a.grad)       # the right values: sigmoid(a) * (1 - sigmoid(a))
# --8<-- [end:correct]

# --8<-- [start:detected]
# raises: RuntimeError
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = a.sigmoid()
out.detach().zero_()  # the same change through detach(): autograd notices
out.sum().backward()
# --8<-- [end:detected]
