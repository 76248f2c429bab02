# A LeNet-style convolutional network: structure, parameters, forward pass, the graph
# behind the loss, gradients, and one update by hand and with torch.optim.

# --8<-- [start:model]
import torch
from torch import nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)   # 1 input channel, 6 output channels, 5x5 kernel
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)  # 16 channels of 5x5 after two poolings
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # 2x2 max pooling
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)                      # keep dim 0 (the batch)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


net = Net()
print(net)
# --8<-- [end:model]

# --8<-- [start:params]
params = list(net.parameters())
print("parameter tensors:", len(params))
for name, p in net.named_parameters():
    print(f"{name:12s} {str(tuple(p.shape)):16s} {p.numel():6d}")
print("total:", sum(p.numel() for p in net.parameters()))
# --8<-- [end:params]

# --8<-- [start:forward]
image = torch.randn(1, 1, 32, 32)  # (batch, channels, height, width)
output = net(image)
print(output.shape)
print(output)
# --8<-- [end:forward]

# --8<-- [start:shapes]
x = image
x = F.relu(net.conv1(x)); print("conv1 + relu:", tuple(x.shape))  # 32 - 5 + 1 = 28
x = F.max_pool2d(x, 2);    print("max_pool2d:  ", tuple(x.shape))  # 28 / 2 = 14
x = F.relu(net.conv2(x)); print("conv2 + relu:", tuple(x.shape))  # 14 - 5 + 1 = 10
x = F.max_pool2d(x, 2);    print("max_pool2d:  ", tuple(x.shape))  # 10 / 2 = 5
x = torch.flatten(x, 1);   print("flatten:     ", tuple(x.shape))  # 16 * 5 * 5 = 400
# --8<-- [end:shapes]

# --8<-- [start:flatten]
def num_flat_features(x):  # what the old notes wrote by hand
    num_features = 1
    for s in x.size()[1:]:  # every dimension except the batch dimension
        num_features *= s
    return num_features


features = torch.randn(4, 16, 5, 5)  # a batch of 4
print(num_flat_features(features))
print(features.view(-1, num_flat_features(features)).shape)
print(torch.flatten(features, 1).shape)
print(torch.equal(features.view(-1, 400), torch.flatten(features, 1)))
# --8<-- [end:flatten]

# --8<-- [start:view_trap]
wrong_size = torch.randn(2, 16, 10, 10)    # 2 samples, but not 16x5x5 each
print(wrong_size.view(-1, 400).shape)      # silently becomes a batch of 8
print(torch.flatten(wrong_size, 1).shape)  # still 2 samples
# --8<-- [end:view_trap]

# --8<-- [start:random_backward]
net.zero_grad()
output = net(image)
output.backward(torch.randn(1, 10))  # output is not a scalar: pass a gradient of its shape
print(net.fc3.bias.grad.shape)
# --8<-- [end:random_backward]

# --8<-- [start:loss]
output = net(image)
target = torch.randn(10).view(1, -1)  # a dummy target with the output's shape
criterion = nn.MSELoss()
loss = criterion(output, target)
print("loss:", loss)
# --8<-- [end:loss]

# --8<-- [start:bias_grad]
net.zero_grad()  # gradients are reset to None
print("conv1.bias.grad before backward:", net.conv1.bias.grad)
loss.backward()
print("conv1.bias.grad after backward: ", net.conv1.bias.grad)
# --8<-- [end:bias_grad]

# --8<-- [start:manual_update]
learning_rate = 0.01
before = net.fc3.bias.detach().clone()  # a copy, not the same tensor
with torch.no_grad():  # the update itself must not be recorded by autograd
    for p in net.parameters():
        p -= learning_rate * p.grad
print("fc3.bias before:", before[:3])
print("fc3.bias after: ", net.fc3.bias.detach()[:3])
print("change == -lr * grad:",
      torch.allclose(net.fc3.bias.detach() - before, -learning_rate * net.fc3.bias.grad))
print(f"loss after the update: {criterion(net(image), target).item():.4f}")
# --8<-- [end:manual_update]

# --8<-- [start:optim_sgd]
import torch.optim as optim

optimizer = optim.SGD(net.parameters(), lr=0.01)
for step in range(5):           # in your training loop:
    optimizer.zero_grad()       # zero the gradient buffers
    output = net(image)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()            # does the update
    print(f"step {step}: loss before the update {loss.item():.4f}")
# --8<-- [end:optim_sgd]

# --8<-- [start:view_trap_error]
# raises: RuntimeError
net.fc1(torch.flatten(wrong_size, 1))  # fc1 expects 400 features per sample
# --8<-- [end:view_trap_error]

# --8<-- [start:reuse_output_error]
# raises: RuntimeError
output = net(image)
output.backward(torch.randn(1, 10))  # the graph behind output is freed here
loss = criterion(output, target)     # built on that same, freed graph
loss.backward()                      # goes back through it a second time
# --8<-- [end:reuse_output_error]
