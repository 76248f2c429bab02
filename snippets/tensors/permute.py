# permute and transpose on a 3-D tensor: the data stay put, only the strides change.

# --8<-- [start:stride]
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x.shape, x.stride())   # one step along each dim skips 12, 4, 1 elements
print(x[1, 2, 3].item(), "is element", 1 * 12 + 2 * 4 + 3 * 1, "of the storage")
# --8<-- [end:stride]

# --8<-- [start:permute]
y = x.permute(2, 0, 1)       # new dim 0 = old dim 2, new 1 = old 0, new 2 = old 1
print(y.shape, y.stride())
print(y[3, 1, 2].item() == x[1, 2, 3].item())  # the same element, new positions
print(y.is_contiguous(), y.data_ptr() == x.data_ptr())  # no copy was made

z = x.transpose(0, 2)        # swap just two dims
print(z.shape, z.stride())
print(x.mT.shape, x.mT.stride())  # swap the last two: a batch of transposed matrices
# --8<-- [end:permute]

# --8<-- [start:legacy_t]
print(x.T.shape)                  # on a 3-D tensor .T reverses ALL dims, and warns
print(x.mT.shape)                 # usually what was meant: transpose the last two
print(x.permute(2, 1, 0).shape)   # reversing every dim, said explicitly
# --8<-- [end:legacy_t]

# --8<-- [start:contiguous]
c = y.contiguous()           # copies into the new order
print(c.stride(), c.is_contiguous(), c.data_ptr() == x.data_ptr())
print(y.reshape(4, 6).shape) # reshape copies when it must; y.view(4, 6) would fail
# --8<-- [end:contiguous]

# --8<-- [start:images]
nhwc = torch.rand(16, 28, 28, 3)   # images as many libraries store them: N, H, W, C
nchw = nhwc.permute(0, 3, 1, 2)    # the layout PyTorch's conv layers expect: N, C, H, W
print(nchw.shape)
print(nchw.stride())
# --8<-- [end:images]
