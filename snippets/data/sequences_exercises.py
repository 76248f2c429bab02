# Exercises for "Variable-length sequences": answers, run by the build.

# --8<-- [start:ex1]
import torch
from torch.nn.utils.rnn import pad_sequence

seqs = [torch.tensor([5, 6]), torch.tensor([1, 2, 3, 4]), torch.tensor([7])]
padded = pad_sequence(seqs)  # batch_first defaults to False
print(padded.shape)
print(padded)
lengths = torch.tensor([len(s) for s in seqs])
mask = torch.arange(4) < lengths[:, None]  # (batch, time), as on the page
print(mask.sum().item(), mask.shape)
print((padded * mask.T).shape)            # padded is (time, batch): transpose the mask
# --8<-- [end:ex1]

# --8<-- [start:ex2_bug]
import torch.nn.functional as F

batch1 = torch.tensor([0, 2, 1])
batch2 = torch.tensor([4, 0])
print(F.one_hot(batch1).shape, F.one_hot(batch2).shape)
# --8<-- [end:ex2_bug]

# --8<-- [start:ex2]
print(F.one_hot(batch1, num_classes=5).shape, F.one_hot(batch2, num_classes=5).shape)
# --8<-- [end:ex2]

# --8<-- [start:ex3]
from torch import nn


def sentence_vectors(padded, lengths, emb):
    """Mean of the embeddings of the real tokens of each sequence: (batch, dim)."""
    vectors = emb(padded)                                          # (batch, time, dim)
    mask = torch.arange(padded.size(1)) < lengths[:, None]         # (batch, time)
    summed = (vectors * mask.unsqueeze(-1)).sum(dim=1)             # padding contributes 0
    return summed / lengths.unsqueeze(-1)


torch.manual_seed(0)
emb = nn.Embedding(8, 4, padding_idx=0)
padded = torch.tensor([[1, 2, 3, 0, 0], [5, 0, 0, 0, 0]])
lengths = torch.tensor([3, 1])
out = sentence_vectors(padded, lengths, emb)
print(out.shape)
print(torch.allclose(out[1], emb.weight[5]))  # one real token: its own vector
# --8<-- [end:ex3]

# --8<-- [start:ex4]
# raises: RuntimeError
layer = nn.Linear(5, 2)
layer(F.one_hot(torch.tensor([0, 3]), num_classes=5))  # int64 input, float32 weights
# --8<-- [end:ex4]
