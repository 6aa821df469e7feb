#pragma once

#include "base/result.h"

#include <QLoggingCategory>
#include <QString>

#include <memory>

class QApplication;

Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace cityops {

class CityModel;
class CommandSigner;
class Engine;
class StopSignals;
class UserDirectory;
struct ConsoleOptions;
struct WallLayout;

namespace start {

constexpr int kExitUsage = 2;     ///< bad command-line usage (or a file it names that cannot be used)
constexpr int kExitFailure = 1;

/// A display to open windows on (X11, Wayland, or a platform named, such as offscreen).
bool haveDisplay();
/// The default city: installed beside the binary, else the source tree's.
QString defaultCityPath();
/// `requested` ("ja", "zh_CN", "en"; empty: the system's language) and Qt's own for it.
void installTranslations(QApplication &app, const QString &requested);
/// One store per city, named after it, in the user's data folder.
QString defaultStorePath(const CityModel &city);
/// The key that signs the record's checkpoints: the console's command key when it has one, else this machine's
/// record key in the data folder (made on the first run, private to its owner; record.pub beside it is what a
/// third party verifies the record with: cityops-export verify --key).
Result<std::shared_ptr<const CommandSigner>> checkpointKey(const ConsoleOptions &options);
/// The first run on an empty directory: an administrator's account, asked for once. False: nobody was made.
bool createFirstAdministrator(UserDirectory &directory, StopSignals &stopSignals);
/// The video wall instead of a desk window: full screen on its screens (plain windows for screenshots), until quit.
int runWall(QApplication &app, Engine &engine, const WallLayout &layout, const ConsoleOptions &options, StopSignals &stopSignals);

} // namespace start
} // namespace cityops
