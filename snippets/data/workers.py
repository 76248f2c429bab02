# DataLoader worker processes, written so that it also works on Windows and macOS.
# There, workers are started with "spawn": each one re-imports this file, so the code
# that creates the DataLoader and loops over it must sit under the __main__ guard.
from torch.utils.data import DataLoader

from _slow_data import SlowDataset  # the dataset lives in _slow_data.py, next to this file


def main():
    for num_workers in (0, 2):
        loader = DataLoader(SlowDataset(), batch_size=4, num_workers=num_workers)
        print(f"num_workers={num_workers}")
        for xb, worker in loader:
            print("  samples", xb.flatten().int().tolist(), "loaded by", worker.tolist())


if __name__ == "__main__":
    main()
