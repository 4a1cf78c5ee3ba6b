// Unique, realistic callbacks for the benchmarks: the current and the 2017 format, NewFileUpload,
// ProcedureStateChanged and FileDeleted mixed, about 1.2 KB each like the reference's examples.
const run = String(Date.now() % 1e9).padStart(9, "0");

export function callbackBody(n: number): string {
  const fileId = `5${run}${String(n).padStart(9, "0")}`;
  const taskId = `1256768367-Procedure-${fileId}t1`;
  const url = `https://1256768367.vod2.myqcloud.com/d3a5f1c2vodcq1256768367/${fileId}/q1BORBPQH1IA.mp4`;
  switch (n % 5) {
    case 0:
    case 1:
      return JSON.stringify({
        EventType: "NewFileUpload",
        FileUploadEvent: {
          FileId: fileId,
          ProcedureTaskId: taskId,
          ReviewAudioVideoTaskId: "",
          MediaBasicInfo: {
            Name: `lesson-${n}`,
            Description: "",
            CreateTime: "2024-06-10T08:12:40Z",
            UpdateTime: "2024-06-10T08:12:41Z",
            ExpireTime: "9999-12-31T23:59:59Z",
            ClassId: 0,
            ClassName: "其他",
            ClassPath: "其他",
            CoverUrl: "",
            Type: "mp4",
            MediaUrl: url,
            TagSet: [],
            StorageRegion: "ap-chongqing",
            SourceInfo: { SourceType: "Upload", SourceContext: `order-${n}` },
            Vid: "",
            Category: "Video",
            Status: "Normal",
            StorageClass: "STANDARD",
          },
          MetaData: {
            Size: 7700180,
            Container: "mov,mp4,m4a,3gp,3g2,mj2",
            Bitrate: 1021028,
            Height: 480,
            Width: 640,
            Duration: 60,
            Rotate: 0,
            VideoStreamSet: [{ Bitrate: 637174, Height: 480, Width: 640, Codec: "h264", Fps: 23 }],
            AudioStreamSet: [{ Bitrate: 383854, SamplingRate: 48000, Codec: "aac" }],
            VideoDuration: 60,
            AudioDuration: 59.99,
            Md5: "",
          },
        },
      });
    case 2:
      return JSON.stringify({
        version: "4.0",
        eventType: "NewFileUpload",
        data: {
          status: 0,
          message: "",
          fileId,
          fileName: `lesson-${n}`,
          coverUrl: "",
          fileUrl: url,
          author: "",
          sourceType: "ServerUpload",
          sourceContext: `order-${n}`,
          streamId: "",
          procedureTaskId: taskId,
          transcodeTaskId: "",
        },
      });
    case 3:
      return JSON.stringify({
        EventType: "ProcedureStateChanged",
        ProcedureStateChangeEvent: {
          TaskId: taskId,
          Status: "FINISH",
          ErrCode: 0,
          Message: "",
          FileId: fileId,
          FileName: `lesson-${n}`,
          FileUrl: url,
          MediaProcessResultSet: [
            {
              Type: "Transcode",
              TranscodeTask: {
                Status: "SUCCESS",
                ErrCodeExt: "",
                ErrCode: 0,
                Message: "SUCCESS",
                Progress: 100,
                Input: { Definition: 100020 },
                Output: {
                  Url: url.replace(".mp4", ".f100020.mp4"),
                  Definition: 100020,
                  Size: 4189073,
                  Height: 480,
                  Width: 640,
                },
                BeginProcessTime: "2024-06-10T08:12:45Z",
                FinishTime: "2024-06-10T08:13:31Z",
              },
            },
          ],
          TasksPriority: 0,
          TasksNotifyMode: "Finish",
          SessionContext: "",
          SessionId: "",
        },
      });
    default:
      return JSON.stringify({
        EventType: "FileDeleted",
        FileDeleteEvent: { FileIdSet: [fileId], FileDeleteResultInfo: [{ FileId: fileId, DeleteParts: [] }] },
      });
  }
}
