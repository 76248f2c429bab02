# Exercises for "Batches by hand vs DataLoader": answers, run by the build.

# --8<-- [start:ex1]
import torch


def data_iter(features, labels, batch_size=8, generator=None):
    indices = torch.randperm(len(features), generator=generator)
    for i in range(0, len(features), batch_size):
        batch = indices[i:i + batch_size]
        yield features[batch], labels[batch]


X, Y = torch.arange(10.0), torch.arange(10.0)
batches = data_iter(X, Y, batch_size=4)
print([len(xb) for xb, _ in batches])
print([len(xb) for xb, _ in batches])
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
torch.manual_seed(0)
X = torch.randn(200, 1)
Y = 3 * X + 1


def train():
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    g = torch.Generator().manual_seed(0)  # the same shuffles every time train() runs
    batches = data_iter(X, Y, batch_size=20, generator=g)
    losses = []
    for epoch in range(4):
        for xb, yb in batches:
            loss = ((xb * w + b - yb) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= 0.1 * p.grad
                    p.grad.zero_()
        with torch.no_grad():
            losses.append(round(((X * w + b - Y) ** 2).mean().item(), 4))
    return losses


print(train())
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
def train():
    w = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    g = torch.Generator().manual_seed(0)
    losses = []
    for epoch in range(4):
        for xb, yb in data_iter(X, Y, batch_size=20, generator=g):  # a new generator per epoch
            loss = ((xb * w + b - yb) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= 0.1 * p.grad
                    p.grad.zero_()
        with torch.no_grad():
            losses.append(round(((X * w + b - Y) ** 2).mean().item(), 4))
    return losses


print(train())
# --8<-- [end:ex2]

# --8<-- [start:ex3]
def data_iter(features, labels, batch_size=8, generator=None, drop_last=False):
    n = len(features)
    indices = torch.randperm(n, generator=generator)
    stop = n - n % batch_size if drop_last else n  # skip the incomplete tail
    for i in range(0, stop, batch_size):
        batch = indices[i:i + batch_size]
        yield features[batch], labels[batch]


X, Y = torch.arange(10.0), torch.arange(10.0)
print([len(xb) for xb, _ in data_iter(X, Y, 4)])
print([len(xb) for xb, _ in data_iter(X, Y, 4, drop_last=True)])
print([len(xb) for xb, _ in data_iter(X, Y, 5, drop_last=True)])
# --8<-- [end:ex3]
