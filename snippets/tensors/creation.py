# Ways to create a tensor.

# --8<-- [start:empty]
import torch

x = torch.empty(3, 3)  # memory is allocated but NOT initialised
print(x.shape)         # values are whatever was in memory: never rely on them
# --8<-- [end:empty]

# --8<-- [start:filled]
z = torch.zeros(3, 3, dtype=torch.long)
print(z)
print(torch.ones(2, 3))
print(torch.full((2, 2), 7.0))
# --8<-- [end:filled]

# --8<-- [start:from_data]
a = torch.tensor([5.3, 3])
b = torch.tensor([[1, 2], [3, 4]])
print(a)
print(b)
# --8<-- [end:from_data]

# --8<-- [start:like]
base = torch.tensor([[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]])
print(torch.ones_like(base))   # same shape and dtype, filled with 1
print(torch.zeros_like(base))  # same shape and dtype, filled with 0
# --8<-- [end:like]

# --8<-- [start:random]
print(torch.rand(2, 3))   # uniform on [0, 1)
print(torch.randn(2, 3))  # standard normal: mean 0, std 1
# --8<-- [end:random]

# --8<-- [start:seed]
torch.manual_seed(42)
first = torch.rand(3)
torch.manual_seed(42)
second = torch.rand(3)
print(torch.equal(first, second))
# --8<-- [end:seed]

# --8<-- [start:normal]
# one shared mean and std, explicit size
print(torch.normal(0.0, 2.0, size=(2, 3)))

# one mean and one std per element
mean = torch.tensor([0.0, 1.0, 2.0, 3.0])
std = torch.tensor([1.0, 0.9, 0.8, 0.7])
print(torch.normal(mean=mean, std=std).reshape(2, 2))
# --8<-- [end:normal]

# --8<-- [start:integers]
labels = torch.randint(0, 3, (8,))  # 8 random integers in [0, 3): the high end is excluded
print(labels, labels.dtype)

order = torch.randperm(5)           # 0, 1, ..., 4, each exactly once, in a random order
print(order)
rows = torch.arange(10).view(5, 2)
print(rows[order])                  # shuffle whole rows: each row stays together
# --8<-- [end:integers]

# --8<-- [start:eye]
I = torch.eye(3)                    # identity matrix: ones on the diagonal, zeros elsewhere
print(I)
v = torch.tensor([[1.0], [2.0], [3.0]])
print(torch.equal(I @ v, v))        # multiplying by I changes nothing
print(torch.eye(4)[torch.tensor([2, 0, 3])])  # row k of eye(4) is the one-hot vector of k
# --8<-- [end:eye]
