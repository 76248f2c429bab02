# Exercises for "Convolutional networks: LeNet": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch import nn
import torch.nn.functional as F

conv1 = nn.Conv2d(3, 8, kernel_size=3, padding=1)
conv2 = nn.Conv2d(8, 16, kernel_size=5)
x = torch.randn(4, 3, 32, 32)
x = conv1(x); print(tuple(x.shape))
x = F.max_pool2d(x, 2); print(tuple(x.shape))
x = conv2(x); print(tuple(x.shape))
print(sum(p.numel() for p in conv1.parameters()))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
def out_size(n, kernel, padding=0, stride=1):
    """Height (or width) after a convolution or pooling window."""
    return (n + 2 * padding - kernel) // stride + 1


for n, k, p, s in [(32, 5, 0, 1), (28, 3, 1, 1), (28, 3, 1, 2), (14, 2, 0, 2)]:
    conv = nn.Conv2d(1, 1, kernel_size=k, padding=p, stride=s)
    real = conv(torch.randn(1, 1, n, n)).shape[-1]
    print(f"n={n:2d} k={k} p={p} s={s}: formula {out_size(n, k, p, s):2d}, Conv2d {real:2d}")
# --8<-- [end:ex2]

# --8<-- [start:ex3_net]
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))


net = Net()
# --8<-- [end:ex3_net]

# --8<-- [start:ex3_bug]
# raises: RuntimeError
image = torch.randn(1, 32, 32)   # one grey image: (channels, height, width)
net(image)
# --8<-- [end:ex3_bug]

# --8<-- [start:ex3]
image = torch.randn(1, 32, 32)
print(net(image.unsqueeze(0)).shape)   # add the batch dimension: (1, 1, 32, 32)
# --8<-- [end:ex3]
