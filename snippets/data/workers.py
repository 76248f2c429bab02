# DataLoader worker processes, written so that it also works on Windows and macOS.
# There, workers are started with "spawn": each one re-imports this file, so the code
# that creates the DataLoader and loops over it must sit under the __main__ guard.
import torch
from torch.utils.data import DataLoader, Dataset, get_worker_info


class SlowDataset(Dataset):
    """Stands in for data that is expensive to load (read a file, decode, augment...)."""

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        info = get_worker_info()  # None in the main process
        worker = -1 if info is None else info.id
        return torch.tensor([float(idx)]), worker


def main():
    for num_workers in (0, 2):
        loader = DataLoader(SlowDataset(), batch_size=4, num_workers=num_workers)
        print(f"num_workers={num_workers}")
        for xb, worker in loader:
            print("  samples", xb.flatten().int().tolist(), "loaded by", worker.tolist())


if __name__ == "__main__":
    main()
