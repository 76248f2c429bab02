# dtypes: inference, explicit choice, conversion, legacy constructors.

# --8<-- [start:inference]
import numpy as np
import torch

print(torch.tensor(2.0).dtype)       # Python float -> float32
print(torch.tensor(2).dtype)         # Python int   -> int64
print(torch.tensor(True).dtype)      # Python bool  -> bool
print(torch.tensor([1, 2.5]).dtype)  # mixed int/float -> float32
# --8<-- [end:inference]

# --8<-- [start:explicit]
b = torch.tensor(2.0, dtype=torch.double)
print(b, b.dtype)
print(torch.double is torch.float64, torch.long is torch.int64)
# --8<-- [end:explicit]

# --8<-- [start:convert]
i = torch.tensor(1)
print(i, i.dtype)
print(i.float())               # shortcut method
print(i.to(torch.float64))     # general form: .to(dtype)
x = torch.tensor(0.5)
print(i.to(x.dtype))           # match another tensor's dtype
print(i.type(torch.float32))   # older spelling, still works
# --8<-- [end:convert]

# --8<-- [start:promotion]
ints = torch.tensor([1, 2, 3])
print(ints * 2.5)  # int64 tensor * Python float -> float32
print((ints + torch.tensor([0.5, 0.5, 0.5], dtype=torch.float64)).dtype)
print(ints / 2)    # true division always gives a float
# --8<-- [end:promotion]

# --8<-- [start:legacy]
# Legacy type-named constructors, shown only to read old code.
old = torch.FloatTensor([[1, 2], [3, 4]])
new = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
print(torch.equal(old, new), old.dtype)

c = torch.IntTensor(1)  # an int means SIZE here: one uninitialised int32
print(c.shape, c.dtype)

e = torch.BoolTensor(np.array([1, 0, 2, 0]))
print(e)
print(torch.tensor([1, 0, 2, 0], dtype=torch.bool))  # modern equivalent
# --8<-- [end:legacy]

# --8<-- [start:no_strings]
# raises: ValueError
import torch

torch.tensor(["cat", "dog"])
# --8<-- [end:no_strings]
