# The dynamic graph: built while the forward pass runs, freed by backward (seed 004).

# --8<-- [start:eager]
import torch

w = torch.tensor([[3.0, 1.0]], requires_grad=True)
b = torch.tensor([[3.0]], requires_grad=True)
X = torch.randn(10, 2)
Y = torch.randn(10, 1)

Y_hat = X @ w.t() + b         # runs now: the values exist right away
print(Y_hat.shape)
print(Y_hat[:3].detach())     # no loss defined yet, nothing deferred
loss = torch.mean(torch.pow(Y_hat - Y, 2))
print(f"{loss.item():.4f}")
# --8<-- [end:eager]

# --8<-- [start:control_flow]
def double_until_big(x):
    y = x
    steps = 0
    while y.abs().sum() < 10:  # plain Python: how often depends on the data
        y = y * 2
        steps += 1
    return y.sum(), steps


for start in ([1.0, 1.0], [0.1, 0.1]):
    x = torch.tensor(start, requires_grad=True)
    out, steps = double_until_big(x)
    out.backward()                     # through this call's own graph
    print(steps, "doublings, grad:", x.grad)  # 2 ** steps
# --8<-- [end:control_flow]

# --8<-- [start:retain]
Y_hat = X @ w.t() + b
loss = torch.mean(torch.pow(Y_hat - Y, 2))
loss.backward(retain_graph=True)  # keep the saved values for a second pass
first = w.grad.clone()
loss.backward()                   # allowed; the gradients add up
print(first)
print(w.grad)
# --8<-- [end:retain]

# --8<-- [start:twice]
# raises: RuntimeError
w.grad = None
Y_hat = X @ w.t() + b
loss = torch.mean(torch.pow(Y_hat - Y, 2))
loss.backward()  # frees the graph's saved values
loss.backward()  # a second pass through a freed graph
# --8<-- [end:twice]
