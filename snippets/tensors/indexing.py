# Indexing and slicing.

# --8<-- [start:basic]
import torch

x = torch.arange(12).reshape(3, 4)
print(x)
print(x[0])       # first row
print(x[:, 0])    # first column
print(x[1:, 2:])  # rows 1.., columns 2..
print(x[-1, -1])  # last element, still a 0-D tensor
# --8<-- [end:basic]

# --8<-- [start:negative_step]
# raises: ValueError
import torch

seq = torch.arange(5)
seq[::-1]  # NumPy's way to reverse; tensors take no negative step
# --8<-- [end:negative_step]

# --8<-- [start:flip]
seq = torch.arange(5)
print(seq.flip(0))         # reversed along dim 0 (a copy, not a view)
m = torch.arange(6).view(2, 3)
print(m.flip(1))           # each row reversed
print(m.flip(0, 1))        # rows and columns: a 180-degree turn
# --8<-- [end:flip]

# --8<-- [start:slice_view]
row = x[0]   # basic slicing returns a view
row[0] = 100
print(x[0])
# --8<-- [end:slice_view]

# --8<-- [start:select_rows]
data = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
idx = torch.tensor([2, 0])       # an int64 index tensor
print(data.index_select(0, idx))  # rows 2 and 0
print(data[idx])                  # same result with indexing
# --8<-- [end:select_rows]

# --8<-- [start:mask]
v = torch.tensor([-1.5, 0.5, 2.0, -3.0])
print(v > 0)     # a bool tensor
print(v[v > 0])  # keep matching elements (returns a copy)
clipped = v.clone()
clipped[clipped < 0] = 0  # masked assignment
print(clipped, v.clamp(min=0))
# --8<-- [end:mask]

# --8<-- [start:masked_fill]
m = torch.arange(1.0, 7.0).view(2, 3)
print(m.masked_fill(m > 4, 0.0))            # like m[m > 4] = 0, but returns a new tensor
drop = torch.tensor([False, True, False])   # one flag per column, broadcast to every row
print(m.masked_fill(drop, -1.0))
print(m)                                    # unchanged; masked_fill_ is the in-place form
# --8<-- [end:masked_fill]
