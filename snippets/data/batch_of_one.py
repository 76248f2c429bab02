# Why a batch of one sample can break training: BatchNorm needs more than one value per channel.

# --8<-- [start:fails]
# raises: ValueError
import torch
from torch import nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)  # 3 features (channels); a new module is in training mode
bn(torch.randn(1, 3))  # a last batch with a single sample, shape (N=1, C=3)
# --8<-- [end:fails]

# --8<-- [start:works]
import torch
from torch import nn

torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
print("training, (4, 3):   ", tuple(bn(torch.randn(4, 3)).shape))     # 4 values per channel
print("training, (1, 3, 5):", tuple(bn(torch.randn(1, 3, 5)).shape))  # 1 sample, 5 values per channel
bn.eval()  # evaluation mode: uses the running mean and variance, no batch statistics
print("eval,     (1, 3):   ", tuple(bn(torch.randn(1, 3)).shape))
# --8<-- [end:works]
