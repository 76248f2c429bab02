# Batches by hand with a generator function, compared with DataLoader on the same data.

# --8<-- [start:data]
import torch

torch.manual_seed(0)
n = 400
X = 10 * torch.rand(n, 2) - 5.0  # uniform on [-5, 5)
w0 = torch.tensor([[2.0], [-3.0]])
b0 = torch.tensor([[10.0]])
Y = X @ w0 + b0 + torch.normal(0.0, 2.0, size=(n, 1))  # y = X w0 + b0 + noise
print(X.shape, Y.shape)
# --8<-- [end:data]

# --8<-- [start:data_iter]
def data_iter(features, labels, batch_size=8, generator=None):
    """Yield (features, labels) batches in a new random order on every call."""
    num_examples = len(features)
    indices = torch.randperm(num_examples, generator=generator)
    for i in range(0, num_examples, batch_size):
        batch = indices[i:i + batch_size]  # the last slice may be shorter
        yield features.index_select(0, batch), labels.index_select(0, batch)


features, labels = next(data_iter(X, Y, batch_size=4))
print(features)
print(labels)
# --8<-- [end:data_iter]

# --8<-- [start:one_pass]
batches = data_iter(X, Y, batch_size=64)
print(type(batches).__name__)
print("first pass: ", [len(xb) for xb, _ in batches])
print("second pass:", [len(xb) for xb, _ in batches])  # a generator is used up
print("new call:   ", [len(xb) for xb, _ in data_iter(X, Y, batch_size=64)])
# --8<-- [end:one_pass]

# --8<-- [start:loader]
from torch.utils.data import DataLoader, TensorDataset

loader = DataLoader(TensorDataset(X, Y), batch_size=64, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
print("first pass: ", [len(xb) for xb, _ in loader])
print("second pass:", [len(xb) for xb, _ in loader])  # a DataLoader can be reused
# --8<-- [end:loader]

# --8<-- [start:same_order]
order = torch.randperm(n, generator=torch.Generator().manual_seed(1))
by_hand = list(data_iter(X, Y, 64, generator=torch.Generator().manual_seed(1)))
by_loader = list(DataLoader(TensorDataset(X, Y), batch_size=64, sampler=order.tolist()))
print(len(by_hand), len(by_loader))
print(all(torch.equal(a, b) for pair in zip(by_hand, by_loader) for a, b in zip(*pair)))
# --8<-- [end:same_order]

# --8<-- [start:train]
def train(batches, epochs=20, lr=0.02):
    """Plain minibatch gradient descent on y = X w + b; batches() gives one epoch."""
    w = torch.zeros(2, 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for epoch in range(epochs):
        for xb, yb in batches():
            loss = ((xb @ w + b - yb) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
                b -= lr * b.grad
                w.grad.zero_()
                b.grad.zero_()
    return w.detach().flatten(), b.detach()


g = torch.Generator().manual_seed(2)
w, b = train(lambda: data_iter(X, Y, batch_size=10, generator=g))
print("data_iter:  w =", w, "b =", b)

loader = DataLoader(TensorDataset(X, Y), batch_size=10, shuffle=True,
                    generator=torch.Generator().manual_seed(2))
w, b = train(lambda: loader)
print("DataLoader: w =", w, "b =", b)
print("true:       w =", w0.flatten(), "b =", b0.flatten())
# --8<-- [end:train]
