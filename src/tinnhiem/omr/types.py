"""Array aliases shared by the reader's modules.

Images are typed as OpenCV's functions return them (any numeric dtype); by convention every
image here is uint8 grey, 0 black to 255 white, height x width."""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

GrayImage: TypeAlias = np.ndarray[Any, np.dtype[np.integer[Any] | np.floating[Any]]]
FloatArray: TypeAlias = npt.NDArray[np.float32]
IntArray: TypeAlias = np.ndarray[Any, np.dtype[np.integer[Any] | np.floating[Any]]]
