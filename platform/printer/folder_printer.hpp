#pragma once
// "file:<folder>": each ticket becomes ticket-000001.png, ticket-000002.png… in the folder (created if
// missing). A ticket is written to a hidden temporary file, synced, then renamed without overwriting, so a
// half-written ticket never appears, even on a full disk or a crash.
#include <filesystem>
#include <mutex>

#include "platform/printer/ticket_printer.hpp"

namespace kiosk::platform {

class FolderPrinter : public TicketPrinter {
  public:
    explicit FolderPrinter(std::filesystem::path folder, int width = 576, int dpi = 203);
    std::string describe() const override { return "file:" + folder_.string(); }
    int width_dots() const override { return width_; }
    int dpi() const override { return dpi_; }
    PrintResult print(const printing::Bitmap& ticket) override;
    PrinterStatus status() override;          // ready when the folder exists (or can be made) and is writable
    std::filesystem::path last_file() const;  // the last ticket written (empty before)

  private:
    std::filesystem::path folder_;
    int width_, dpi_;
    mutable std::mutex mutex_;
    std::filesystem::path last_;
};

}  // namespace kiosk::platform
