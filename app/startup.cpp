// What the console's start needs beside its wiring: where the default city and store are, the translations, the key
// that signs the record, the first administrator's account, and the wall run instead of a desk. Split from main.cpp.
#include "startup.h"

#include "commandline.h"
#include "base/secretfile.h"
#include "base/stopsignals.h"
#include "engine/engine.h"
#include "security/commandsigner.h"
#include "security/userdirectory.h"
#include "wall/videowall.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

Q_LOGGING_CATEGORY(lcApp, "cityops.app", QtInfoMsg)

namespace cityops::start {

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

QString defaultCityPath()
{
    // Installed layout (bin/../share/cityops) first, then the source tree this binary was built from.
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("../share/cityops/cities/adlershof.gpkg"));
    if (QFileInfo::exists(installed))
        return QDir::cleanPath(installed);
    return QStringLiteral(CITYOPS_SOURCE_DIR "/resources/cities/adlershof.gpkg");
}

void installTranslations(QApplication &app, const QString &requested)
{
    QString language = requested;
    if (language.isEmpty()) {
        const QString system = QLocale::system().name();
        language = system.startsWith(QLatin1String("ja")) ? QStringLiteral("ja")
                 : system.startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
    }
    auto *ours = new QTranslator(&app);
    if (language == QLatin1String("en")) {
        // English is the sources' own language; its catalogue holds only the plural forms ("1 alarm", "3 alarms").
        if (ours->load(QStringLiteral(":/i18n/cityops_en.qm")))
            QCoreApplication::installTranslator(ours);
        return;
    }
    QLocale::setDefault(QLocale(language));
    if (ours->load(QStringLiteral(":/i18n/cityops_%1.qm").arg(language)))
        QCoreApplication::installTranslator(ours);
    else
        qCWarning(lcApp) << "no translation for" << language << "- showing English";
    auto *qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QString defaultStorePath(const CityModel &city)
{
    // One store per city, named after it, in the user's data folder (~/.local/share/CityOps/cityops/).
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    QString name = city.meta.name.toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    return QDir(folder).filePath((name.isEmpty() ? QStringLiteral("city") : name) + QStringLiteral(".cityops-store"));
}

/// The key that signs the record's checkpoints: the console's command key when it has one, else this machine's
/// record key in the data folder (made on the first run, private to its owner; record.pub beside it is what a
/// third party verifies the record with: cityops-export verify --key).
Result<std::shared_ptr<const CommandSigner>> checkpointKey(const ConsoleOptions &options)
{
    const QString path = options.commandKeyPath.isEmpty()
                             ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("record.key"))
                             : options.commandKeyPath;
    if (!QFileInfo::exists(path) && options.commandKeyPath.isEmpty()) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        const CommandSigner fresh = CommandSigner::generate();
        if (auto written = secretfile::writePrivate(path, fresh.privateKeyPem()); !written)
            return Error{written.error()};
        QSaveFile pub(QFileInfo(path).absoluteDir().filePath(QStringLiteral("record.pub")));
        if (pub.open(QIODevice::WriteOnly)) {
            pub.write(fresh.publicKeyPem());
            (void)pub.commit();
        }
        qCInfo(lcApp) << "made the record key" << path << "(its public half: record.pub)";
    }
    if (auto s = secretfile::checkPrivate(path); !s)
        return makeError(s.error());
    auto signer = CommandSigner::fromPrivateKeyFile(path);
    if (!signer)
        return makeError(signer.error());
    return std::shared_ptr<const CommandSigner>(std::make_shared<CommandSigner>(std::move(signer).value()));
}

/// The first run on an empty directory: an administrator's account, asked for once.
bool createFirstAdministrator(UserDirectory &directory, StopSignals &stopSignals)
{
    QDialog dialog;
    // A shutdown while it waits for someone ends the wait (and the start: main asks stopSignals).
    QObject::connect(&stopSignals, &StopSignals::stopRequested, &dialog, &QDialog::reject);
    dialog.setWindowTitle(QObject::tr("CityOps — first account"));
    auto *form = new QFormLayout(&dialog);
    auto *intro = new QLabel(QObject::tr("Nobody can sign in yet. Create the first account: an administrator, who can then add the "
                                         "others (cityops-admin user add)."), &dialog);
    intro->setWordWrap(true);
    form->addRow(intro);
    auto *name = new QLineEdit(QStringLiteral("admin"), &dialog);
    auto *password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    auto *again = new QLineEdit(&dialog);
    again->setEchoMode(QLineEdit::Password);
    auto *message = new QLabel(&dialog);
    message->setWordWrap(true);
    form->addRow(QObject::tr("Name"), name);
    form->addRow(QObject::tr("Password"), password);
    form->addRow(QObject::tr("Again"), again);
    form->addRow(message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        if (password->text() != again->text()) {
            message->setText(QObject::tr("The two passwords differ."));
            return;
        }
        const Status added = directory.add(name->text().trimmed(), Role::Admin, {}, password->text().toUtf8());
        if (!added) {
            message->setText(added.error());
            return;
        }
        dialog.accept();
    });
    return dialog.exec() == QDialog::Accepted;
}

/// The video wall instead of a desk window: full screen on its screens (plain windows for screenshots), until quit.
int runWall(QApplication &app, Engine &engine, const WallLayout &layout, const ConsoleOptions &options, StopSignals &stopSignals)
{
    VideoWall wall(engine, layout);
    wall.show(options.screenshotPath.isEmpty());
    // Desks on this machine may put an incident, a device or a district on the wall (View ▸ Show on the wall).
    if (auto listening = wall.listenForDesks(); !listening)
        qCWarning(lcApp) << "wall:" << listening.error();
    qCInfo(lcApp) << "wall:" << layout.rows << "x" << layout.columns << "panels, smallest text" << wall.look().minCapPx << "px";
    // A shutdown or Ctrl+C ends the wall cleanly, also one that came while it was being made.
    stopSignals.onStop(&app, [&app](const QString &name) {
        qCInfo(lcApp).noquote() << name << "received: the wall stops";
        app.quit();
    });
    int exitCode = 0;
    if (options.quitAfterMs > 0) {
        QTimer::singleShot(options.quitAfterMs, &app, [&] {
            if (!options.screenshotPath.isEmpty()) {
                QString prefix = options.screenshotPath;
                prefix.chop(4);   // ".png"
                auto written = wall.saveScreenshots(prefix);
                if (!written) {
                    std::fprintf(stderr, "cityops: %s\n", qPrintable(written.error()));
                    exitCode = kExitFailure;
                } else {
                    qCInfo(lcApp) << "wall screenshots:" << written.value().join(QStringLiteral(", "));
                }
            }
            app.quit();
        });
    }
    const int rc = app.exec();
    engine.stop();
    return exitCode ? exitCode : rc;
}

} // namespace cityops::start
