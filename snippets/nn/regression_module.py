# A model as an nn.Module subclass: linear regression, trained for a short while.

# --8<-- [start:data]
import numpy as np
import torch
from torch import nn

rng = np.random.default_rng(0)
x_values = np.arange(11, dtype=np.float32)                     # 0, 1, ..., 10
y_values = 2 * x_values + 1 + rng.normal(0, 0.5, 11).astype(np.float32)
x_train = x_values.reshape(-1, 1)  # shape (11, 1): 11 samples, 1 feature
y_train = y_values.reshape(-1, 1)
print(x_train.shape, x_train.dtype)
# --8<-- [end:data]

# --8<-- [start:model]
class LinearRegressionModel(nn.Module):
    def __init__(self, input_dim, output_dim):
        super().__init__()  # must come before any layer is assigned
        self.linear = nn.Linear(input_dim, output_dim)

    def forward(self, x):
        return self.linear(x)


# the accelerator (CUDA, MPS, ...) when there is one, else the CPU
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
model = LinearRegressionModel(1, 1).to(device)
print(model)
# --8<-- [end:model]

# --8<-- [start:train]
epochs = 1000
learning_rate = 0.01
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
criterion = nn.MSELoss()

inputs = torch.from_numpy(x_train).to(device)  # convert once, not every epoch
labels = torch.from_numpy(y_train).to(device)

for epoch in range(epochs):
    optimizer.zero_grad()
    outputs = model(inputs)  # call the model, not model.forward(...)
    loss = criterion(outputs, labels)
    loss.backward()
    optimizer.step()
    if epoch % 200 == 0 or epoch == epochs - 1:
        print(f"epoch {epoch:4d}  loss {loss.item():.4f}")
# --8<-- [end:train]

# --8<-- [start:result]
w = model.linear.weight.item()
b = model.linear.bias.item()
print(f"learned: y = {w:.3f} x + {b:.3f}   (data made with y = 2 x + 1 + noise)")
with torch.no_grad():  # prediction only: no graph needed
    prediction = model(torch.tensor([[12.0]], device=device))
print(f"prediction at x = 12: {prediction.item():.3f}")
# --8<-- [end:result]

# --8<-- [start:dtype_error]
# raises: RuntimeError
cpu_model = LinearRegressionModel(1, 1)
x64 = np.arange(3.0).reshape(-1, 1)  # NumPy's default dtype is float64
print(x64.dtype)
cpu_model(torch.from_numpy(x64))     # float64 input, float32 weights
# --8<-- [end:dtype_error]

# --8<-- [start:no_super]
# raises: AttributeError
class Broken(nn.Module):
    def __init__(self):
        # super().__init__() is missing
        self.linear = nn.Linear(1, 1)


Broken()
# --8<-- [end:no_super]
