#pragma once
#include <string>

struct Low { std::string name; };
