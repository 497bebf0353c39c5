import LakeCLI

await LakeCLI.main()
