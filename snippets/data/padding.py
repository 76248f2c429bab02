# Variable-length sequences in one batch: pad them, keep their lengths, build a mask.

# --8<-- [start:data]
import torch
from torch.utils.data import DataLoader, Dataset

vocab = {"<pad>": 0, "i": 1, "like": 2, "cats": 3, "dogs": 4, "do": 5, "not": 6, "fish": 7}
sentences = [("i like cats", 1), ("dogs", 1), ("i do not like fish", 0), ("not cats", 0)]


class SentenceDataset(Dataset):
    """Sample i: (token ids of sentence i, its label). Sentences differ in length."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, idx):
        text, label = self.pairs[idx]
        ids = torch.tensor([vocab[word] for word in text.split()])
        return ids, label


dataset = SentenceDataset(sentences)
for i in range(len(dataset)):
    print(dataset[i])
# --8<-- [end:data]

# --8<-- [start:default_fails]
# raises: RuntimeError
loader = DataLoader(dataset, batch_size=4)  # the default collate stacks the samples
next(iter(loader))
# --8<-- [end:default_fails]

# --8<-- [start:pad]
from torch.nn.utils.rnn import pad_sequence

seqs = [dataset[i][0] for i in range(len(dataset))]
padded = pad_sequence(seqs, batch_first=True, padding_value=vocab["<pad>"])
lengths = torch.tensor([len(s) for s in seqs])
mask = torch.arange(padded.size(1)) < lengths[:, None]  # True on real tokens
print(padded)
print(lengths)
print(mask)
# --8<-- [end:pad]

# --8<-- [start:collate]
def pad_collate(batch):
    """Turn a list of (ids, label) samples into (padded ids, lengths, labels)."""
    seqs, labels = zip(*batch)
    padded = pad_sequence(seqs, batch_first=True, padding_value=0)
    lengths = torch.tensor([len(s) for s in seqs])
    return padded, lengths, torch.tensor(labels)


loader = DataLoader(dataset, batch_size=2, collate_fn=pad_collate)
for padded, lengths, labels in loader:
    print(tuple(padded.shape), lengths.tolist(), labels.tolist())
    print(padded)
# --8<-- [end:collate]

# --8<-- [start:masked_mean]
values = torch.tensor([[1.0, 2.0, 3.0, 0.0, 0.0],   # length 3, then two padding slots
                       [4.0, 0.0, 0.0, 0.0, 0.0]])  # length 1
lengths = torch.tensor([3, 1])
mask = torch.arange(values.size(1)) < lengths[:, None]
print("mean over all slots:", values.mean(dim=1))  # padding pulls the mean down
print("mean over real ones:", (values * mask).sum(dim=1) / lengths)
# --8<-- [end:masked_mean]
