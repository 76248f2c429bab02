# hubconf.py: the file torch.hub reads. Every public callable here is an entrypoint.

dependencies = ["torch"]  # packages torch.hub checks for before loading anything

import torch
from torch import nn


def tiny_mlp(in_features=2, hidden=8, out_features=1):
    """A small multilayer perceptron: Linear -> ReLU -> Linear.

    in_features: size of each input sample
    hidden: number of hidden units
    out_features: size of each output
    """
    return nn.Sequential(
        nn.Linear(in_features, hidden),
        nn.ReLU(),
        nn.Linear(hidden, out_features),
    )


def line(pretrained=True):
    """A 1-D linear model y = w * x + b; pretrained=True gives w = 2, b = 1.

    A real repository would download trained weights here, for example with
    torch.hub.load_state_dict_from_url(url).
    """
    model = nn.Linear(1, 1)
    if pretrained:
        model.load_state_dict({"weight": torch.tensor([[2.0]]), "bias": torch.tensor([1.0])})
    return model
