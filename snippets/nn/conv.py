# Convolution and pooling computed by hand, compared with F.conv2d and F.max_pool2d.

# --8<-- [start:corr2d]
import torch
import torch.nn.functional as F


def corr2d(X, K):
    """Slide the kernel K over X; each output is the sum of the window times K."""
    kh, kw = K.shape
    out = torch.zeros(X.shape[0] - kh + 1, X.shape[1] - kw + 1)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
    return out


X = torch.arange(9.0).reshape(3, 3)
K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
print(corr2d(X, K))
# F.conv2d wants 4-D tensors: input (batch, channels, H, W), weight (out, in, kh, kw)
print(F.conv2d(X.reshape(1, 1, 3, 3), K.reshape(1, 1, 2, 2)))
# --8<-- [end:corr2d]

# --8<-- [start:edges]
import matplotlib.pyplot as plt

image = torch.ones(6, 8)
image[:, 2:6] = 0.0                # a dark vertical band in a bright image
edge = torch.tensor([[1.0, -1.0]])  # left pixel minus right pixel
response = corr2d(image, edge)
print(response)
print("vertical kernel on the same image:", corr2d(image, edge.T).abs().sum().item())

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3))
fig.colorbar(ax1.imshow(image.numpy(), cmap="gray", vmin=0, vmax=1), ax=ax1, label="pixel")
fig.colorbar(ax2.imshow(response.numpy(), cmap="coolwarm", vmin=-1, vmax=1), ax=ax2,
             label="output")
ax1.set(title="input (6x8)", xlabel="column", ylabel="row")
ax2.set(title="output of [[1, -1]] (6x7)", xlabel="column", ylabel="row")
plt.show()
# --8<-- [end:edges]

# --8<-- [start:padding_stride]
def out_size(n, kernel, padding=0, stride=1):
    return (n + 2 * padding - kernel) // stride + 1


x = torch.randn(1, 1, 8, 8)
for kernel, padding, stride in [(3, 0, 1), (3, 1, 1), (5, 2, 1), (3, 1, 2), (2, 0, 2), (3, 0, 3)]:
    w = torch.randn(1, 1, kernel, kernel)
    shape = F.conv2d(x, w, padding=padding, stride=stride).shape
    print(f"k={kernel} p={padding} s={stride}: {tuple(shape[2:])}, "
          f"formula {out_size(8, kernel, padding, stride)}")
# --8<-- [end:padding_stride]

# --8<-- [start:by_hand]
w = torch.randn(1, 1, 3, 3)
padded = F.pad(x, (1, 1, 1, 1))  # one ring of zeros: left, right, top, bottom
print(padded.shape)
same = corr2d(padded[0, 0], w[0, 0])
print(torch.allclose(same, F.conv2d(x, w, padding=1)[0, 0], atol=1e-6))
# stride 2 = the stride-1 result, keeping every second row and column
print(torch.allclose(same[::2, ::2], F.conv2d(x, w, padding=1, stride=2)[0, 0], atol=1e-6))
# --8<-- [end:by_hand]

# --8<-- [start:channels]
def corr2d_multi_in(X, K):
    """X: (in, H, W), K: (in, kh, kw). One output channel: the sum over input channels."""
    return sum(corr2d(x, k) for x, k in zip(X, K))


def corr2d_multi_in_out(X, K):
    """K: (out, in, kh, kw). One output channel per kernel, stacked."""
    return torch.stack([corr2d_multi_in(X, k) for k in K])


X = torch.randn(3, 5, 5)      # 3 input channels (e.g. red, green, blue)
K = torch.randn(4, 3, 2, 2)   # 4 output channels, each with a 2x2 kernel per input channel
b = torch.randn(4)            # one bias per output channel
mine = corr2d_multi_in_out(X, K) + b.reshape(4, 1, 1)
theirs = F.conv2d(X.unsqueeze(0), K, bias=b)
print(mine.shape, theirs.shape)
print(torch.allclose(mine, theirs[0], atol=1e-5))
# --8<-- [end:channels]

# --8<-- [start:pooling]
def pool2d(X, size, mode="max"):
    """Windows of size x size, stepping by size (PyTorch's default stride for pooling)."""
    rows, cols = X.shape[0] // size, X.shape[1] // size
    out = torch.zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            window = X[i * size:(i + 1) * size, j * size:(j + 1) * size]
            out[i, j] = window.max() if mode == "max" else window.mean()
    return out


X = torch.arange(16.0).reshape(4, 4)
print(pool2d(X, 2))
print(F.max_pool2d(X.reshape(1, 1, 4, 4), 2))
print(pool2d(X, 2, "mean"))
print(F.avg_pool2d(X.reshape(1, 1, 4, 4), 2))
# each channel is pooled on its own: channels stay, height and width halve
print(F.max_pool2d(torch.randn(1, 6, 28, 28), 2).shape)
# --8<-- [end:pooling]

# --8<-- [start:layer]
from torch import nn

conv = nn.Conv2d(in_channels=3, out_channels=8, kernel_size=3, padding=1)
print(conv.weight.shape, conv.bias.shape)
print("parameters:", sum(p.numel() for p in conv.parameters()))  # 8*3*3*3 + 8
print(conv(torch.randn(2, 3, 32, 32)).shape)                     # padding=1 keeps 32x32
print(nn.MaxPool2d(2)(conv(torch.randn(2, 3, 32, 32))).shape)
# --8<-- [end:layer]

# --8<-- [start:dtype_error]
# raises: RuntimeError
image = torch.arange(16).reshape(1, 1, 4, 4)  # arange of integers gives int64
nn.Conv2d(1, 1, 2)(image)                     # the layer's weights are float32
# --8<-- [end:dtype_error]
