# Worked example: linear regression with the low-level API only
# (tensors, autograd, a hand-written parameter update; no nn.Linear, no optimizer).

# --8<-- [start:data]
import torch
from torch import nn
import matplotlib.pyplot as plt

torch.manual_seed(0)

n = 400  # number of samples
X = 10 * torch.rand([n, 2]) - 5.0  # two features, uniform in [-5, 5)
w0 = torch.tensor([[2.0], [-3.0]])  # true weights
b0 = torch.tensor([[10.0]])         # true bias
Y = X @ w0 + b0 + torch.normal(0.0, 2.0, size=[n, 1])  # @ is matrix multiplication; noise std 2
print("X:", X.shape, " Y:", Y.shape)
# --8<-- [end:data]

# --8<-- [start:data_plot]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
ax1.scatter(X[:, 0].numpy(), Y[:, 0].numpy(), s=8, c="b", label="samples")
ax1.set_xlabel("x1")
ax1.set_ylabel("y")
ax1.legend()
ax2.scatter(X[:, 1].numpy(), Y[:, 0].numpy(), s=8, c="g", label="samples")
ax2.set_xlabel("x2")
ax2.legend()
fig.suptitle("y = 2*x1 - 3*x2 + 10 + noise, seen from each feature")
fig.tight_layout()
plt.show()
# --8<-- [end:data_plot]

# --8<-- [start:data_iter]
def data_iter(features, labels, batch_size=8):
    """Yield (features, labels) batches in a new random order on every pass."""
    num_examples = len(features)
    indices = torch.randperm(num_examples)  # shuffled sample indices
    for i in range(0, num_examples, batch_size):
        batch = indices[i : i + batch_size]  # the last batch may be shorter
        yield features.index_select(0, batch), labels.index_select(0, batch)


features, labels = next(data_iter(X, Y, batch_size=8))
print("one batch:", features.shape, labels.shape)
print(torch.cat([features, labels], dim=1)[:4])  # first 4 rows: x1, x2, y
print("batches per epoch with batch_size=10:", sum(1 for _ in data_iter(X, Y, 10)))
# --8<-- [end:data_iter]

# --8<-- [start:model]
class LinearRegression(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn_like(w0))  # shape (2, 1), random start
        self.b = nn.Parameter(torch.zeros_like(b0))  # shape (1, 1), starts at 0

    def forward(self, x):
        return x @ self.w + self.b

    def loss_fn(self, y_pred, y_true):
        return torch.mean((y_pred - y_true) ** 2)  # mean squared error


model = LinearRegression()
for name, p in model.named_parameters():
    print(name, tuple(p.shape), [round(v, 4) for v in p.detach().flatten().tolist()])
# --8<-- [end:model]

# --8<-- [start:train_step]
def train_step(model, features, labels, lr=0.001):
    predictions = model(features)
    loss = model.loss_fn(predictions, labels)
    loss.backward()  # fills model.w.grad and model.b.grad

    with torch.no_grad():  # the update itself must not be recorded by autograd
        for p in model.parameters():
            p -= lr * p.grad  # gradient descent step, in place
            p.grad.zero_()    # gradients accumulate: clear them for the next step
    return loss.item()


features, labels = next(data_iter(X, Y, 10))
print("loss of one batch before the first step:", round(train_step(model, features, labels), 4))
# --8<-- [end:train_step]

# --8<-- [start:train]
def full_loss(model):
    with torch.no_grad():
        return model.loss_fn(model(X), Y).item()


def train_model(model, epochs):
    for epoch in range(1, epochs + 1):
        for features, labels in data_iter(X, Y, 10):  # 40 steps per epoch
            train_step(model, features, labels)
        if epoch % 20 == 0:
            w = [round(v, 4) for v in model.w.detach().flatten().tolist()]
            b = round(model.b.item(), 4)
            print(f"epoch {epoch:3d}  loss {full_loss(model):.4f}  w {w}  b {b}")


train_model(model, epochs=100)
# --8<-- [end:train]

# --8<-- [start:check]
# Linear least squares has an exact solution: solve [X, 1] @ [w; b] = Y directly.
A = torch.cat([X, torch.ones(n, 1)], dim=1)  # append a column of ones for the bias
solution = torch.linalg.lstsq(A, Y).solution
print("least squares: w", [round(v, 4) for v in solution[:2, 0].tolist()],
      " b", round(solution[2, 0].item(), 4))
print(f"least squares loss {torch.mean((A @ solution - Y) ** 2).item():.4f}")
# --8<-- [end:check]

# --8<-- [start:plot]
w = model.w.detach()
b = model.b.detach()
line_x = torch.tensor([-5.0, 5.0])

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
ax1.scatter(X[:, 0].numpy(), Y[:, 0].numpy(), s=8, c="b", label="samples")
ax1.plot(line_x.numpy(), (w[0, 0] * line_x + b[0, 0]).numpy(), "-r", lw=4, label="model (x2 = 0)")
ax1.set_xlabel("x1")
ax1.set_ylabel("y")
ax1.legend()
ax2.scatter(X[:, 1].numpy(), Y[:, 0].numpy(), s=8, c="g", label="samples")
ax2.plot(line_x.numpy(), (w[1, 0] * line_x + b[0, 0]).numpy(), "-r", lw=4, label="model (x1 = 0)")
ax2.set_xlabel("x2")
ax2.legend()
fig.suptitle("Fitted model over the data")
fig.tight_layout()
plt.show()
# --8<-- [end:plot]
