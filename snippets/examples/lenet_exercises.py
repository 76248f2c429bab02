# Exercises for "Handwritten digits with LeNet": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch import nn

conv1, conv2, pool = nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5), nn.MaxPool2d(2)
x = torch.zeros(25, 1, 28, 28)  # 25 MNIST-sized images
x = pool(torch.relu(conv1(x)))
print(tuple(x.shape))
x = pool(torch.relu(conv2(x)))
print(tuple(x.shape))
print(tuple(x.view(-1, 16 * 5 * 5).shape))  # runs, but mixes up the images
print(tuple(torch.flatten(x, 1).shape))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
def out_size(size, kernel, stride=1, padding=0):
    """Height (or width) after a convolution or pooling layer."""
    return (size + 2 * padding - kernel) // stride + 1


for size, layer, kernel, stride, padding in [(32, nn.Conv2d(1, 6, 5), 5, 1, 0),
                                             (28, nn.MaxPool2d(2), 2, 2, 0),
                                             (32, nn.Conv2d(1, 6, 3, padding=1), 3, 1, 1),
                                             (32, nn.Conv2d(1, 6, 3, stride=2), 3, 2, 0)]:
    real = layer(torch.zeros(1, 1, size, size)).shape[-1]
    print(f"{size} -> {out_size(size, kernel, stride, padding)} (layer gives {real})")
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: RuntimeError
images = torch.zeros(4, 32, 32)  # 4 images, but no channel dimension
conv1(images)
# --8<-- [end:ex3]
