#pragma once
// Wrong way on purpose: the bottom layer reaches up.
#include "high/high.h"

struct Low {};
