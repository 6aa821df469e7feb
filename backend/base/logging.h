#pragma once

#include <QLoggingCategory>

// One category per subsystem, so an operator or developer can turn on exactly one with QT_LOGGING_RULES,
// e.g. QT_LOGGING_RULES="cityops.sim.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcCity)
Q_DECLARE_LOGGING_CATEGORY(lcSim)
Q_DECLARE_LOGGING_CATEGORY(lcLink)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSecurity)

/// Soft assert for "cannot happen" conditions: aborts in debug builds, logs and continues in release.
#define CITYOPS_ASSERT(cond, category)                                                                       \
    do {                                                                                                     \
        if (Q_UNLIKELY(!(cond))) {                                                                           \
            qCCritical(category, "soft assert \"%s\" failed at %s:%d", #cond, __FILE__, __LINE__);           \
            Q_ASSERT(cond);                                                                                  \
        }                                                                                                    \
    } while (false)
