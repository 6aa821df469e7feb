#pragma once
#include "low/low.h"

struct High { Low low; };
