# A custom autograd Function (seed 004's MyReLU), checked with gradcheck.

# --8<-- [start:define]
import torch


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)  # keep what backward will need
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0     # no gradient where the input was negative
        return grad_input
# --8<-- [end:define]

# --8<-- [start:use]
w = torch.tensor([[3.0, 1.0]], requires_grad=True)
b = torch.tensor([[3.0]], requires_grad=True)
X = torch.tensor([[-1.0, -1.0], [1.0, 1.0]])
Y = torch.tensor([[2.0], [3.0]])  # shape (2, 1), the same as Y_hat

relu = MyReLU.apply  # always call a Function through .apply
Y_hat = relu(X @ w.t() + b)
loss = torch.mean(torch.pow(Y_hat - Y, 2))
loss.backward()

print(Y_hat.detach().view(2), loss.item())
print(w.grad)
print(b.grad)
print(type(Y_hat.grad_fn).__name__)  # our backward is a node of the graph
# --8<-- [end:use]

# --8<-- [start:builtin]
w2 = torch.tensor([[3.0, 1.0]], requires_grad=True)
b2 = torch.tensor([[3.0]], requires_grad=True)
loss2 = torch.mean(torch.pow(torch.relu(X @ w2.t() + b2) - Y, 2))
loss2.backward()
print(torch.equal(w.grad, w2.grad), torch.equal(b.grad, b2.grad))
# --8<-- [end:builtin]

# --8<-- [start:shapes]
Y_old = torch.tensor([[2.0, 3.0]])  # a target of shape (1, 2)
print(Y_hat.shape, Y_old.shape, (Y_hat - Y_old).shape)  # broadcast to (2, 2)
# --8<-- [end:shapes]

# --8<-- [start:gradcheck]
from torch.autograd import gradcheck

inp = torch.randn(8, dtype=torch.double, requires_grad=True)  # float64
print(gradcheck(MyReLU.apply, (inp,)))
# --8<-- [end:gradcheck]

# --8<-- [start:float32]
inp32 = torch.randn(8, requires_grad=True)  # float32: too coarse for the check
print(gradcheck(MyReLU.apply, (inp32,), raise_exception=False))
# --8<-- [end:float32]

# --8<-- [start:bad_backward]
class BadReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output  # bug: the gradient is never masked


print(gradcheck(BadReLU.apply, (inp,), raise_exception=False))
# --8<-- [end:bad_backward]
