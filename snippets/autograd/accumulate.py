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

# --8<-- [start:once]
# b is used on two paths, yet .grad is written once per backward():
# the engine adds both paths' gradients first (2 * 1 + 3 * 1 = 5).
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
b.register_post_accumulate_grad_hook(lambda t: print("b.grad written:", t.grad))
e = (a + b) * (b + 1)
e.backward()
# --8<-- [end:once]

# --8<-- [start:micro_batches]
# Accumulating across backward() calls: two half-batches add up to the
# full-batch gradient.
data = torch.tensor([1.0, 2.0, 3.0, 4.0])
w = torch.tensor(0.5, requires_grad=True)

loss = ((w * data - 1) ** 2).mean()
loss.backward()
full_batch = w.grad.clone()

w.grad = None
for half in data.split(2):
    half_loss = ((w * half - 1) ** 2).mean() / 2  # each half counts 1/2
    half_loss.backward()                          # adds to w.grad
print(full_batch, w.grad, torch.allclose(full_batch, w.grad))
# --8<-- [end:micro_batches]
