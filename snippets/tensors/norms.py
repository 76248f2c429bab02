# Norms with torch.linalg.

# --8<-- [start:vector]
import torch

v = torch.tensor([3.0, -4.0])
print(torch.linalg.vector_norm(v))         # L2 (default): sqrt(9 + 16)
print(torch.linalg.vector_norm(v, ord=1))  # L1: |3| + |-4|
print(torch.linalg.vector_norm(v, ord=float("inf")))  # inf: max |x_i|
# --8<-- [end:vector]

# --8<-- [start:matrix]
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(torch.linalg.matrix_norm(A))  # Frobenius (default): sqrt(1 + 4 + 9 + 16)
print(torch.linalg.norm(A))         # same for a 2-D input
print(torch.linalg.vector_norm(A))  # treats A as one flat vector: same value
# --8<-- [end:matrix]

# --8<-- [start:along_dim]
rows = torch.tensor([[3.0, 4.0], [6.0, 8.0]])
lengths = torch.linalg.vector_norm(rows, dim=1, keepdim=True)
print(lengths)
print(rows / lengths)  # every row now has L2 norm 1
# --8<-- [end:along_dim]

# --8<-- [start:legacy]
# torch.norm and Tensor.norm still work but are legacy spellings
print(torch.norm(v), v.norm(p=1))
# --8<-- [end:legacy]

# --8<-- [start:int_error]
# raises: RuntimeError
import torch

torch.linalg.vector_norm(torch.tensor([3, 4]))  # int64 input
# --8<-- [end:int_error]
