# Scalars, vectors, matrices and higher-dimensional tensors.

# --8<-- [start:scalar]
import torch

loss = torch.tensor(0.25)  # 0-D: a single number, e.g. a loss value
print(loss.dim(), loss.shape)
# --8<-- [end:scalar]

# --8<-- [start:vector]
bias = torch.tensor([0.1, -0.2, 0.3])  # 1-D: e.g. the bias of a layer
print(bias.dim(), bias.shape)
# --8<-- [end:vector]

# --8<-- [start:matrix]
features = torch.rand(4, 3)  # 2-D: a batch of 4 samples, 3 features each
print(features.dim(), features.shape)
# --8<-- [end:matrix]

# --8<-- [start:sequence]
# 3-D: RNN input (seq_len, batch, features) = 10 words, 2 sentences, 8 numbers per word
sentences = torch.zeros(10, 2, 8)
print(sentences.dim(), sentences.shape)
# --8<-- [end:sequence]

# --8<-- [start:images]
# 4-D: CNN input (N, C, H, W) = 16 RGB images of 28x28 pixels
images = torch.zeros(16, 3, 28, 28)
print(images.dim(), images.shape)
# --8<-- [end:images]

# --8<-- [start:brackets]
t3 = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]])
print(t3.dim(), t3.shape)

odd = torch.tensor([[[]]])  # three brackets, but nothing inside
print(odd.dim(), odd.shape, odd.numel())
# --8<-- [end:brackets]

# --8<-- [start:size_shape]
x = torch.zeros(2, 3, 4)
print(x.size(), x.shape)  # the same torch.Size
print(x.size(1), x.shape[1])  # length of one dimension
print(isinstance(x.shape, tuple), len(x.shape), x.numel())
# --8<-- [end:size_shape]
