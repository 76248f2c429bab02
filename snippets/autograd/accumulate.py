# .grad accumulates across backward() calls; reset it between steps.

# --8<-- [start:accumulate]
import torch

x = torch.tensor(2.0, requires_grad=True)
for step in range(3):
    y = x ** 2           # a fresh graph each time; dy/dx = 2x = 4
    y.backward()
    print(step, x.grad)  # added to .grad, not written over it
# --8<-- [end:accumulate]

# --8<-- [start:zero]
x.grad = None            # recommended: drop the gradient
print(x.grad)
(x ** 2).backward()
print(x.grad)

x.grad.zero_()           # or zero the existing tensor in place
print(x.grad)
(x ** 2).backward()
print(x.grad)
# --8<-- [end:zero]
