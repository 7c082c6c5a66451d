; IKP Desk installer for Windows, built by `scripts/package --windows` with makensis
; (Tauri's own NSIS bundler downloads a plugin from GitHub at build time, which this
; offline build cannot do). Per user, no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\IKP Desk, .ikp files and the uninstaller are registered under
; HKCU. The data (%LOCALAPPDATA%\id.ikpdesk.app) is never touched by install or uninstall.
;
; makensis -DVERSION=0.1.0 -DSTAGE=dir-with-exe-dll-ico -DOUTFILE=setup.exe ikp-desk.nsi

Unicode true
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!define PRODUCT "IKP Desk"
!define EXE "ikp-desk.exe"
!define PROGID "IKPDesk.Berkas"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\IKPDesk"
; The WebView2 runtime's client id (Microsoft's documented detection key).
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
; The offline ("standalone") WebView2 installer the IT office puts beside this setup.
!define WEBVIEW2_OFFLINE "MicrosoftEdgeWebView2RuntimeInstallerX64.exe"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${PRODUCT}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1057 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "FileDescription" "Pemasang ${PRODUCT}"
VIAddVersionKey /LANG=1057 "LegalCopyright" "Pemerintah Kabupaten"

!define MUI_ICON "${STAGE}\ikp-desk.ico"
!define MUI_UNICON "${STAGE}\ikp-desk.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Buka ${PRODUCT} sekarang"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"

; The app cannot open without the WebView2 runtime (part of current Windows 10/11).
; Where it is missing, install it from the offline installer beside this setup, or say
; plainly what to ask the IT office for: a meeting room has no internet.
Function EnsureWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    DetailPrint "WebView2 $0 sudah terpasang."
    Return
  ${EndIf}
  ${If} ${FileExists} "$EXEDIR\${WEBVIEW2_OFFLINE}"
    DetailPrint "Memasang WebView2 dari $EXEDIR\${WEBVIEW2_OFFLINE} ..."
    ExecWait '"$EXEDIR\${WEBVIEW2_OFFLINE}" /silent /install' $1
    ${If} $1 == 0
      Return
    ${EndIf}
    MessageBox MB_ICONEXCLAMATION|MB_OK "Pemasangan WebView2 gagal (kode $1).$\r$\n$\r$\nIKP Desk tetap dipasang, tetapi baru dapat dibuka setelah WebView2 terpasang. Hubungi bagian TI."
    Return
  ${EndIf}
  MessageBox MB_ICONEXCLAMATION|MB_OK "Laptop ini belum memiliki Microsoft WebView2, yang diperlukan untuk membuka IKP Desk.$\r$\n$\r$\nMintalah berkas ${WEBVIEW2_OFFLINE} kepada bagian TI, letakkan di folder yang sama dengan pemasang ini, lalu jalankan pemasang lagi.$\r$\n$\r$\nIKP Desk tetap dipasang sekarang."
FunctionEnd

Section "IKP Desk"
  SetOutPath "$INSTDIR"
  File "${STAGE}\${EXE}"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\ikp-desk.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  Call EnsureWebView2

  ; Start menu, in Indonesian.
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\ikp-desk.ico"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\Copot ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"

  ; .ikp files (sync bundles, enrolment requests and answers) open IKP Desk; a
  ; running IKP Desk receives the file instead of a second window opening.
  WriteRegStr HKCU "Software\Classes\.ikp" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.ikp" "Content Type" "application/x-ikp-desk"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Berkas sinkronisasi IKP Desk"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\ikp-desk.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "" "Buka dengan IKP Desk"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Apps & features entry, for this user.
  WriteRegStr HKCU "Software\${PRODUCT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Pemerintah Kabupaten"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\ikp-desk.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\ikp-desk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Copot ${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  ; Only our own association: another program may have taken .ikp since.
  ReadRegStr $0 HKCU "Software\Classes\.ikp" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.ikp"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${PRODUCT}"
  ; The data in %LOCALAPPDATA%\id.ikpdesk.app (database, keys, backups) stays: it is the
  ; laptop's record, and a reinstall picks it up again.
SectionEnd
