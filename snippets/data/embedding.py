# From token ids to vectors: one-hot encoding and nn.Embedding.

# --8<-- [start:one_hot]
import torch
import torch.nn.functional as F
from torch import nn

ids = torch.tensor([1, 2, 3])  # "i like cats" with a vocabulary of 8 words
one_hot = F.one_hot(ids, num_classes=8)
print(one_hot)
print(one_hot.dtype, one_hot.shape)
# --8<-- [end:one_hot]

# --8<-- [start:embedding]
torch.manual_seed(0)
emb = nn.Embedding(num_embeddings=8, embedding_dim=4)  # 8 words, a 4-number vector each
print(emb.weight.shape)
vectors = emb(ids)
print(vectors.shape)
print(torch.equal(vectors[0], emb.weight[1]))  # the vector of id 1 is row 1 of the table
# --8<-- [end:embedding]

# --8<-- [start:same_thing]
via_one_hot = F.one_hot(ids, num_classes=8).float() @ emb.weight  # (3, 8) @ (8, 4)
print(torch.allclose(via_one_hot, emb(ids)))
# --8<-- [end:same_thing]

# --8<-- [start:batch]
padded = torch.tensor([[1, 2, 3, 0, 0],    # "i like cats" + 2 padding slots
                       [5, 6, 2, 7, 1]])   # "do not like fish i"
print(emb(padded).shape)  # (batch, time, embedding_dim)
print(F.one_hot(padded, num_classes=8).shape)
# --8<-- [end:batch]

# --8<-- [start:padding_idx]
torch.manual_seed(0)
emb = nn.Embedding(8, 4, padding_idx=0)  # row 0 is the padding vector
print(emb.weight[0])
emb(padded).sum().backward()
print(emb.weight.grad[0])  # padding gets no gradient: it stays zero
print(emb.weight.grad[2])  # id 2 appears twice in the batch
# --8<-- [end:padding_idx]

# --8<-- [start:float_ids]
# raises: RuntimeError
F.one_hot(torch.tensor([1.0, 2.0]), num_classes=8)  # ids must be integers (int64)
# --8<-- [end:float_ids]
