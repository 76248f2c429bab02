# torch.autograd.grad: gradients returned to you instead of stored in .grad (seed 004).

# --8<-- [start:second_derivative]
import torch

# f(x) = a*x**2 + b*x + c
x = torch.tensor(0.0, requires_grad=True)
a = torch.tensor(1.0)
b = torch.tensor(-2.0)
c = torch.tensor(1.0)
y = a * torch.pow(x, 2) + b * x + c

# create_graph=True records the derivative too, so it can be differentiated again
dy_dx = torch.autograd.grad(y, x, create_graph=True)[0]
print(dy_dx)    # f'(0) = -2, with a grad_fn of its own

dy2_dx2 = torch.autograd.grad(dy_dx, x)[0]
print(dy2_dx2)  # f''(x) = 2
print(x.grad)   # None: autograd.grad leaves .grad alone
# --8<-- [end:second_derivative]

# --8<-- [start:several_inputs]
x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
y1 = x1 * x2
y2 = x1 + x2

# one output, several inputs: one gradient per input, in order
dy1_dx1, dy1_dx2 = torch.autograd.grad(outputs=y1, inputs=[x1, x2], retain_graph=True)
print(dy1_dx1, dy1_dx2)    # (x2, x1) = (2, 1)
# --8<-- [end:several_inputs]

# --8<-- [start:several_outputs]
# several outputs: their gradients are summed, as for y1 + y2
dy12_dx1, dy12_dx2 = torch.autograd.grad(outputs=[y1, y2], inputs=[x1, x2])
print(dy12_dx1, dy12_dx2)  # (x2 + 1, x1 + 1) = (3, 2)
# --8<-- [end:several_outputs]

# --8<-- [start:grad_outputs]
# a non-scalar output needs grad_outputs, like backward(gradient=...)
x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
y = x ** 2 - 2 * x + 1
(dy_dx,) = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y))
print(dy_dx)  # 2x - 2 at each point
# --8<-- [end:grad_outputs]

# --8<-- [start:no_create_graph]
# raises: RuntimeError
x = torch.tensor(0.0, requires_grad=True)
y = x ** 2 - 2 * x + 1
dy_dx = torch.autograd.grad(y, x)[0]  # no create_graph: just a number
torch.autograd.grad(dy_dx, x)         # nothing recorded to differentiate
# --8<-- [end:no_create_graph]
