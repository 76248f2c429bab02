# The dataset of the workers example, in a file of its own: worker processes started with
# "spawn" (Windows, macOS) import it by module name, which a class defined in a notebook
# cell or under __main__ of another process would not allow.
import torch
from torch.utils.data import Dataset, get_worker_info


class SlowDataset(Dataset):
    """Stands in for data that is expensive to load (read a file, decode, augment...)."""

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        info = get_worker_info()  # None in the main process
        worker = -1 if info is None else info.id
        return torch.tensor([float(idx)]), worker
