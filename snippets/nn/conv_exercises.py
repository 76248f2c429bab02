# Exercises for "Convolution and pooling": answers, run by the build.

# --8<-- [start:ex1]
import torch
import torch.nn.functional as F

X = torch.tensor([[1.0, 2.0, 0.0],
                  [0.0, 1.0, 3.0],
                  [2.0, 0.0, 1.0]])
K = torch.tensor([[1.0, 0.0],
                  [0.0, -1.0]])
print(F.conv2d(X.reshape(1, 1, 3, 3), K.reshape(1, 1, 2, 2)))
print(F.conv2d(X.reshape(1, 1, 3, 3), K.reshape(1, 1, 2, 2), padding=1).shape)
print(F.max_pool2d(X.reshape(1, 1, 3, 3), 2))
# --8<-- [end:ex1]

# --8<-- [start:ex2]
def conv2d_by_hand(X, K, padding=0, stride=1):
    """One channel in, one out: pad, then slide K over X in steps of `stride`."""
    X = F.pad(X, (padding, padding, padding, padding))
    kh, kw = K.shape
    rows = (X.shape[0] - kh) // stride + 1
    cols = (X.shape[1] - kw) // stride + 1
    out = torch.zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            r, c = i * stride, j * stride
            out[i, j] = (X[r:r + kh, c:c + kw] * K).sum()
    return out


x = torch.randn(7, 9)
for kernel, padding, stride in [(3, 0, 1), (3, 1, 2), (4, 2, 3), (1, 0, 2)]:
    k = torch.randn(kernel, kernel)
    mine = conv2d_by_hand(x, k, padding, stride)
    theirs = F.conv2d(x[None, None], k[None, None], padding=padding, stride=stride)[0, 0]
    print(f"k={kernel} p={padding} s={stride}: {tuple(mine.shape)}",
          torch.allclose(mine, theirs, atol=1e-5))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
X = torch.randn(3, 4, 5)      # 3 channels, 4x5 pixels
K = torch.randn(2, 3, 1, 1)   # 2 output channels, 1x1 kernels
by_matmul = (K.reshape(2, 3) @ X.reshape(3, -1)).reshape(2, 4, 5)
print(torch.allclose(by_matmul, F.conv2d(X.unsqueeze(0), K)[0], atol=1e-5))
# --8<-- [end:ex3]

# --8<-- [start:ex4_bug]
from torch import nn

x = torch.randn(1, 1, 7, 7)
sliding_max = nn.MaxPool2d(3, padding=1)  # meant: the max of each pixel's 3x3 neighbourhood
print(sliding_max(x).shape)
# --8<-- [end:ex4_bug]

# --8<-- [start:ex4]
sliding_max = nn.MaxPool2d(3, stride=1, padding=1)
print(sliding_max(x).shape)
print(torch.equal(sliding_max(x)[0, 0, 3, 3], x[0, 0, 2:5, 2:5].max()))
# --8<-- [end:ex4]
