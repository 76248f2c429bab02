# einsum: name each dimension with a letter; letters missing on the right are summed over.

# --8<-- [start:matmul]
import torch

A = torch.arange(6.0).reshape(2, 3)
B = torch.arange(12.0).reshape(3, 4)
C = torch.einsum("ij,jk->ik", A, B)   # C[i, k] = sum over j of A[i, j] * B[j, k]
print(C)
print(torch.equal(C, A @ B))
# --8<-- [end:matmul]

# --8<-- [start:batch]
X = torch.randn(5, 2, 3)              # a batch of 5 matrices, 2 x 3
Y = torch.randn(5, 3, 4)
Z = torch.einsum("bij,bjk->bik", X, Y)  # b appears on the right: it is kept, not summed
print(Z.shape, torch.allclose(Z, X @ Y))
# --8<-- [end:batch]

# --8<-- [start:others]
M = torch.arange(9.0).reshape(3, 3)
u = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([10.0, 20.0])
print(torch.einsum("ii->", M), M.trace())          # trace: the diagonal, summed
print(torch.einsum("ii->i", M))                    # diagonal: repeated letter, kept
print(torch.einsum("i,j->ij", u, v))               # outer product: nothing summed
print(torch.einsum("i,i->", u, u), u @ u)          # dot product
print(torch.einsum("ij->ji", A).shape)             # transpose
print(torch.einsum("ij->j", A), A.sum(dim=0))      # sum over i
# --8<-- [end:others]
