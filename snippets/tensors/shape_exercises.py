# Exercises for "Dimensions, shapes, reshaping and joining".

# --8<-- [start:ex1]
import torch

x = torch.zeros(4, 1, 3)
print(x.squeeze().shape)          # every length-1 dim removed
print(x.unsqueeze(0).shape)       # a new dim of length 1 in front
print(x.view(2, -1).shape)        # 12 elements: -1 becomes 6
print(x[:, 0, 1].shape)           # an integer index removes its dim
# --8<-- [end:ex1]

# --8<-- [start:ex2]
rows = [torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([5, 6])]
m1 = torch.stack(rows)                               # a new dim 0
m2 = torch.cat([r.unsqueeze(0) for r in rows])       # the same, by hand
print(m1)
print(torch.equal(m1, m2), torch.cat(rows).shape)    # cat alone gives one long vector
# --8<-- [end:ex2]

# --8<-- [start:ex3]
a = torch.zeros(2, 3)
b = torch.ones(4, 3)
print(torch.cat([a, b]).shape)        # only dim 0 differs: fine for cat
print(torch.cat([a, b], dim=-2).shape)
# --8<-- [end:ex3]

# --8<-- [start:ex3_stack]
# raises: RuntimeError
import torch

a = torch.zeros(2, 3)
b = torch.ones(4, 3)
torch.stack([a, b])   # stack needs identical shapes
# --8<-- [end:ex3_stack]

# --8<-- [start:ex4]
# raises: RuntimeError
x = torch.arange(6).reshape(2, 3)
print(x.t().reshape(6))       # the fix: reshape copies when it must
x.t().view(6)                 # the bug: a transposed tensor is not contiguous
# --8<-- [end:ex4]

# --8<-- [start:ex5]
t = torch.arange(6)
print(t.flip(0))
print(t.chunk(4))    # 6 elements: pieces of ceil(6 / 4) = 2, so only 3 pieces
print(t.split(4))    # pieces of 4: one of 4, then the 2 that are left
# --8<-- [end:ex5]
