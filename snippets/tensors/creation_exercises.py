# Exercises for "Creating tensors and dtypes": one section per exercise.

# --8<-- [start:ex1]
import torch

t = torch.tensor([1, 2, 3])
print(t.dtype)
print(t / 2)          # true division: always floating point
print(t // 2)         # floor division: stays int64
print(t * 0.5)        # a Python float promotes the result to float32
# --8<-- [end:ex1]

# --8<-- [start:ex2]
a = torch.arange(0, 1, 0.25)   # step 0.25, end excluded
b = torch.linspace(0, 1, 4)    # 4 points, both ends included
print(a, len(a))
print(b, len(b))
# --8<-- [end:ex2]

# --8<-- [start:ex3]
legacy = torch.LongTensor(3)        # the bug: an integer argument is a SHAPE
print(legacy.shape)                 # 3 uninitialised values, not the label 3
label = torch.tensor([3])           # the fix: a tensor holding the number 3
print(label, label.dtype)
# --8<-- [end:ex3]

# --8<-- [start:ex4]
torch.manual_seed(0)
x = torch.rand(2, 3)
minus_one = torch.full_like(x, -1.0)   # same shape, dtype and device as x
uniform = 2 + 3 * torch.rand_like(x)   # uniform on [2, 5)
print(minus_one)
print(uniform.shape, bool(((uniform >= 2) & (uniform < 5)).all()))
# --8<-- [end:ex4]

# --8<-- [start:ex5]
torch.manual_seed(0)
x = torch.arange(12).view(6, 2)     # 6 samples with 2 features each
y = torch.tensor([0, 1, 0, 1, 1, 0])  # and their labels
perm = torch.randperm(len(x))       # ONE random order...
xs, ys = x[perm], y[perm]           # ...used for both, so each sample keeps its label
print(perm)
print(torch.equal(ys, y[perm]), torch.equal(xs[:, 0] // 2, perm))  # row i is old row perm[i]
print(torch.eye(2)[ys])             # the shuffled labels, one-hot
# --8<-- [end:ex5]
