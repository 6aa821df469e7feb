#include "base/logging.h"

Q_LOGGING_CATEGORY(lcCore, "cityops.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCity, "cityops.city", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSim, "cityops.sim", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLink, "cityops.link", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecurity, "cityops.security", QtInfoMsg)
