# view / reshape / contiguous, plus adding and removing size-1 dimensions.

# --8<-- [start:view]
import torch

x = torch.arange(16.0).view(4, 4)
y = x.view(16)
z = x.view(-1, 8)  # -1: "work this one out", 16 / 8 = 2
print(x.size(), y.size(), z.size())
# --8<-- [end:view]

# --8<-- [start:batch]
N, C, H, W = 64, 3, 28, 28  # a batch of 64 RGB 28x28 images
X = torch.randn(N, C, H, W)
print(X.view(N, C, H * W).shape)
print(X.view(-1, C, H * W).shape)  # let PyTorch infer N
print(X.view(N, -1).shape)         # one flat vector per image
print(X.flatten(start_dim=1).shape)  # same, more readable
# --8<-- [end:batch]

# --8<-- [start:shared]
x = torch.arange(6).view(2, 3)
flat = x.view(6)  # a view: new shape, same data
flat[0] = 100
print(x)
# --8<-- [end:shared]

# --8<-- [start:transpose]
m = torch.arange(12).view(2, 6)
mt = m.t()  # transpose: a view with swapped strides
print(m.is_contiguous(), mt.is_contiguous())
print(mt.reshape(3, 4))
print(torch.equal(mt.reshape(3, 4), mt.contiguous().view(3, 4)))
# --8<-- [end:transpose]

# --8<-- [start:compatible]
a = torch.arange(12).view(3, 4)[:, :2]  # the first two columns: not contiguous
print(a.is_contiguous(), a.stride())
print(a.view(3, 1, 2).shape)            # view works: strides can describe this shape
b = a.reshape(3, 2, 1)                  # a view too: same memory
c = a.reshape(6)                        # rows 0..1 and 4..5 are not adjacent: a copy
print(b.data_ptr() == a.data_ptr(), c.data_ptr() == a.data_ptr())
# --8<-- [end:compatible]

# --8<-- [start:unsqueeze]
v = torch.linspace(-1, 1, 5)
col = torch.unsqueeze(v, dim=1)  # same as v.unsqueeze(1)
print(v.shape, col.shape)
print(col.squeeze(1).shape)  # remove the size-1 dimension again
# --8<-- [end:unsqueeze]

# --8<-- [start:squeeze_batch]
out = torch.zeros(4, 1)      # a model's output for a batch of 4: one number per sample
print(out.squeeze().shape)   # (4,) as intended
one = torch.zeros(1, 1)      # the same for a batch of ONE sample
print(one.squeeze().shape)   # (): the batch dimension is gone too
print(one.squeeze(1).shape)  # name the dimension: only that one is removed
# --8<-- [end:squeeze_batch]

# --8<-- [start:view_error]
# raises: RuntimeError
import torch

mt = torch.arange(12).view(2, 6).t()
mt.view(3, 4)
# --8<-- [end:view_error]
