# Export a model's graph to TensorBoard (seed 004), into a temporary folder.
import tempfile

import torch
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch import nn
from torch.utils.tensorboard import SummaryWriter


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(2, 1))
        self.b = nn.Parameter(torch.zeros(1, 1))

    def forward(self, x):
        return x @ self.w + self.b


net = Net()
with tempfile.TemporaryDirectory() as logdir:  # a real project: "runs/graph"
    writer = SummaryWriter(logdir)
    writer.add_graph(net, input_to_model=torch.rand(10, 2))  # traces one forward pass
    writer.close()

    # Read the event file back: the graph TensorBoard will draw
    events = EventAccumulator(logdir)
    events.Reload()
    print("graph stored:", events.Tags()["graph"])
    for node in events.Graph().node:
        print(f"{node.op:16} {node.name}")
